using System;
using System.Text.Json;
using S3M.Slurm;
using S3M.Transport;

namespace S3M;

/// <summary>A Slurm partition of one resource, with the limits a user checks before submitting.</summary>
public sealed class SlurmPartition : IRawAnswer
{
    public string? Resource { get; internal set; }
    public string? Name { get; internal set; }
    public string? State { get; internal set; }
    public string? Nodes { get; internal set; }
    public int? NodeCount { get; internal set; }
    public int? Cpus { get; internal set; }
    public TimeSpan? DefaultTime { get; internal set; }
    public TimeSpan? MaximumTime { get; internal set; }
    public long? MaximumNodes { get; internal set; }
    internal JsonElement Raw { get; set; }
    JsonElement IRawAnswer.Raw => Raw;

    public override string ToString() => $"{Resource}/{Name}";

    internal static SlurmPartition Read(JsonElement p, string resource)
    {
        var nodes = p.Field("nodes") ?? default;
        var cpus = p.Field("cpus") ?? default;
        var defaults = p.Field("defaults") ?? default;
        var maximums = p.Field("maximums") ?? default;
        var partition = p.Field("partition") ?? default;
        var maxNodes = maximums.ValueKind == JsonValueKind.Object ? maximums.Number("nodes") : null;
        return new SlurmPartition
        {
            Resource = resource,
            Name = p.NonEmptyString("name"),
            State = partition.ValueKind == JsonValueKind.Object ? partition.Text("state") : null,
            Nodes = nodes.ValueKind == JsonValueKind.Object ? nodes.NonEmptyString("configured") : null,
            // Within an object S3M sent, a count left out is zero; without the object there is no count.
            NodeCount = nodes.ValueKind == JsonValueKind.Object ? nodes.Int("total") ?? 0 : null,
            Cpus = cpus.ValueKind == JsonValueKind.Object ? cpus.Int("total") ?? 0 : null,
            DefaultTime = defaults.ValueKind == JsonValueKind.Object ? defaults.Minutes("time") : null,
            MaximumTime = maximums.ValueKind == JsonValueKind.Object ? maximums.Minutes("time") : null,
            MaximumNodes = maxNodes == SlurmJson.Infinite ? null : maxNodes,
            Raw = p,
        };
    }
}
