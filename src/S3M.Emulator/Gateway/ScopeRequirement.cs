namespace S3M.Emulator.Gateway;

/// <summary>
/// Which scope words open which S3M service: the one place that says it. A call passes when the
/// token holds any one of the words.
/// </summary>
internal sealed class ScopeRequirement
{
    private readonly string[] anyOf;

    private ScopeRequirement(params string[] anyOf) => this.anyOf = anyOf;

    /// <summary>Reading Slurm (ping, partitions, jobs, nodes...).</summary>
    public static ScopeRequirement ComputeRead { get; } = new("compute-ace", "compute-ace-readonly");

    /// <summary>Changing Slurm (submit, cancel).</summary>
    public static ScopeRequirement ComputeWrite { get; } = new("compute-ace");

    /// <summary>Every streaming call.</summary>
    public static ScopeRequirement Streaming { get; } = new("data-streaming");

    public bool IsMetBy(IEnumerable<string> scopes) => scopes.Any(anyOf.Contains);

    /// <summary>Names the scope, as OLCF's own tools do, so a user knows which token to make.</summary>
    public string DeniedMessage =>
        $"permission denied: this call needs a token with the {string.Join(" or ", anyOf.Select(s => $"'{s}'"))} scope";
}
