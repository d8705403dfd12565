using System;
using System.Linq;
using System.Text.Json;
using S3M.Streaming;
using S3M.Transport;

namespace S3M;

/// <summary>A kind of cluster S3M can provision, with the settings and feature flags it takes.</summary>
public sealed class StreamingBackend : IRawAnswer
{
    public StreamingEngine? Engine { get; internal set; }

    /// <summary>The engine as S3M wrote it, for engines this module does not know yet.</summary>
    public string? EngineName { get; internal set; }
    public string? Kind { get; internal set; }
    public string? Description { get; internal set; }
    public S3mList<StreamingResourceOption> ResourceOptions { get; internal set; } = S3mList<StreamingResourceOption>.Empty;
    public S3mList<StreamingFeatureFlag> FeatureFlags { get; internal set; } = S3mList<StreamingFeatureFlag>.Empty;
    internal JsonElement Raw { get; set; }
    JsonElement IRawAnswer.Raw => Raw;

    public override string ToString() => $"{Engine} {Kind}";

    internal static StreamingBackend Read(JsonElement b) => new StreamingBackend
    {
        EngineName = b.NonEmptyString("engine"),
        Engine = StreamingEngines.FromWire(b.NonEmptyString("engine")),
        Kind = b.NonEmptyString("kind"),
        Description = b.NonEmptyString("description"),
        // Bounds left out are protobuf's zero, which the gateway omits.
        ResourceOptions = b.Objects("resourceOptions").Select(o => new StreamingResourceOption
        {
            Key = o.NonEmptyString("key"),
            Description = o.NonEmptyString("description"),
            Min = o.Int64("min") ?? 0,
            Max = o.Int64("max") ?? 0,
            Default = o.Int64("default") ?? 0,
        }).ToS3mList(),
        FeatureFlags = b.Objects("featureFlags").Select(f => new StreamingFeatureFlag
        {
            Key = f.NonEmptyString("key"),
            Description = f.NonEmptyString("description"),
            Default = f.Bool("default"),
        }).ToS3mList(),
        Raw = b,
    };
}

/// <summary>
/// One resource setting a backend takes (cpus, ram-gbs, nodes), with its bounds. A bound S3M
/// leaves out is 0, protobuf's zero; a <see cref="Max"/> of 0 sets no upper bound.
/// </summary>
public sealed class StreamingResourceOption
{
    public string? Key { get; internal set; }
    public string? Description { get; internal set; }
    public long Min { get; internal set; }
    public long Max { get; internal set; }
    public long Default { get; internal set; }
    public override string ToString() => $"{Key} ({Min}-{(Max > 0 ? Max.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")}, default {Default})";
}

/// <summary>One feature flag a backend takes.</summary>
public sealed class StreamingFeatureFlag
{
    public string? Key { get; internal set; }
    public string? Description { get; internal set; }
    public bool Default { get; internal set; }
    public override string ToString() => $"{Key} (default {Default})";
}
