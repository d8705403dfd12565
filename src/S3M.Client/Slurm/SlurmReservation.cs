using System;
using System.Text.Json;
using S3M.Slurm;
using S3M.Transport;

namespace S3M;

/// <summary>A Slurm reservation of one resource: who may use which nodes, when.</summary>
public sealed class SlurmReservation
{
    public string? Resource { get; internal set; }
    public string? Name { get; internal set; }
    public string? Partition { get; internal set; }
    public string? Nodes { get; internal set; }
    public int NodeCount { get; internal set; }
    public DateTimeOffset? StartTime { get; internal set; }
    public DateTimeOffset? EndTime { get; internal set; }
    public string[] Flags { get; internal set; } = Array.Empty<string>();
    public string[] Users { get; internal set; } = Array.Empty<string>();
    public string[] Accounts { get; internal set; } = Array.Empty<string>();
    public JsonElement Raw { get; internal set; }

    public override string ToString() => $"{Resource}/{Name}";

    internal static SlurmReservation Read(JsonElement r, string resource) => new SlurmReservation
    {
        Resource = resource,
        Name = r.NonEmptyString("name"),
        Partition = r.NonEmptyString("partition"),
        Nodes = r.NonEmptyString("node_list"),
        NodeCount = r.Int("node_count") ?? 0, // left out when zero
        StartTime = r.UnixTime("start_time"),
        EndTime = r.UnixTime("end_time"),
        Flags = r.List("flags"),
        Users = r.List("users"),
        Accounts = r.List("accounts"),
        Raw = r,
    };
}
