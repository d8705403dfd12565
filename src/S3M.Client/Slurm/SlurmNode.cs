using System;
using System.Text.Json;
using S3M.Slurm;
using S3M.Transport;

namespace S3M;

/// <summary>A compute node of one resource: state, CPUs and memory in use, and why it is down.</summary>
public sealed class SlurmNode : IRawAnswer
{
    public string? Resource { get; internal set; }
    public string? Name { get; internal set; }
    public string? State { get; internal set; }
    public int Cpus { get; internal set; }
    public int AllocatedCpus { get; internal set; }
    public long MemoryMiB { get; internal set; }
    public long AllocatedMemoryMiB { get; internal set; }
    public S3mList<string> Partitions { get; internal set; } = S3mList<string>.Empty;
    public S3mList<string> Features { get; internal set; } = S3mList<string>.Empty;
    public string? Reason { get; internal set; }
    internal JsonElement Raw { get; set; }
    JsonElement IRawAnswer.Raw => Raw;

    public override string ToString() => $"{Resource}/{Name} {State}";

    // Counts left out are zero: the gateway omits zero fields.
    internal static SlurmNode Read(JsonElement n, string resource) => new SlurmNode
    {
        Resource = resource,
        Name = n.NonEmptyString("name"),
        State = n.Text("state"),
        Cpus = n.Int("cpus") ?? 0,
        AllocatedCpus = n.Int("alloc_cpus") ?? 0,
        MemoryMiB = n.Number("real_memory") ?? 0,
        AllocatedMemoryMiB = n.Number("alloc_memory") ?? 0,
        Partitions = n.List("partitions").ToS3mList(),
        Features = n.List("features").ToS3mList(),
        Reason = n.NonEmptyString("reason"),
        Raw = n,
    };
}
