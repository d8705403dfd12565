using System.Text.Json.Serialization;

namespace S3M.Emulator.Slurm.Wire;

/// <summary>
/// What every Slurm answer carries after its own fields: <c>meta</c>, <c>errors</c> and
/// <c>warnings</c>. Empty lists are zero values like any other: left out in the sparse form,
/// written as <c>[]</c> when the dialect writes zero fields.
/// </summary>
internal abstract record SlurmAnswer
{
    [JsonPropertyOrder(100)]
    public required Meta Meta { get; init; }

    [JsonPropertyOrder(101)]
    public IReadOnlyList<SlurmError> Errors { get; init; } = [];

    [JsonPropertyOrder(102)]
    public IReadOnlyList<SlurmWarning> Warnings { get; init; } = [];
}

internal sealed record Meta(MetaPlugin Plugin, MetaClient Client, MetaSlurm Slurm);

internal sealed record MetaPlugin(string Type, string Name, string DataParser, string AccountingStorage);

internal sealed record MetaClient(string Source, string User, string Group);

internal sealed record MetaSlurm(MetaVersion Version, string Release, string Cluster);

/// <summary>Slurm writes its version parts as strings.</summary>
internal sealed record MetaVersion(string Major, string Minor, string Micro);

internal sealed record SlurmError(string Error, int ErrorNumber, string Description, string Source);

internal sealed record SlurmWarning(string Description, string Source);

/// <summary>
/// Slurm's number wrapper for 16- and 32-bit fields (<c>uint32_no_val_struct</c>): the number is a
/// JSON number. Zero parts are left out like any field: <c>{"set":true}</c> is zero, <c>{}</c> unset.
/// </summary>
internal sealed record Wrap32(bool Set, bool Infinite, int Number)
{
    public static Wrap32 Unset { get; } = new(false, false, 0);

    public static Wrap32 Unlimited { get; } = new(true, true, 0);

    public static Wrap32 Of(int number) => new(true, false, number);

    public static Wrap32 Of(int? number) => number is { } n ? Of(n) : Unset;
}

/// <summary>The 64-bit wrapper (<c>uint64_no_val_struct</c>): its number is a JSON string, as the gateway writes int64.</summary>
internal sealed record Wrap64(bool Set, bool Infinite, long Number)
{
    public static Wrap64 Unset { get; } = new(false, false, 0);

    public static Wrap64 Of(long number) => new(true, false, number);

    /// <summary>A Unix time in seconds, or unset.</summary>
    public static Wrap64 Time(DateTimeOffset? time) => time is { } t ? Of(t.ToUnixTimeSeconds()) : Unset;
}
