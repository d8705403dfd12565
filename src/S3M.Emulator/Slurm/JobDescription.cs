namespace S3M.Emulator.Slurm;

/// <summary>A number wrapper as sent: <c>infinite</c> wins over <c>number</c>; not <c>set</c> means no value.</summary>
internal sealed record WrappedNumber(bool Set, bool Infinite, long Number)
{
    public bool HasNumber => Set && !Infinite;
}

/// <summary>A job description that passed the gateway's checks: each field read into its protobuf type.</summary>
internal sealed class JobDescription(IReadOnlyDictionary<string, object> values, string script)
{
    /// <summary>The script: the job's own, or in the v0.0.44 <c>jobs</c> form the top-level one.</summary>
    public string Script { get; } = script;

    public string? Text(string name) => values.GetValueOrDefault(name) as string;

    public int? Int32(string name) => values.GetValueOrDefault(name) as int?;

    public bool Flag(string name) => values.GetValueOrDefault(name) as bool? ?? false;

    public IReadOnlyList<string>? TextList(string name) => values.GetValueOrDefault(name) as IReadOnlyList<string>;

    public WrappedNumber? Wrapped(string name) => values.GetValueOrDefault(name) as WrappedNumber;
}
