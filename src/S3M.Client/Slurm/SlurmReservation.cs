using System;
using System.Text.Json;
using S3M.Slurm;
using S3M.Transport;

namespace S3M;

/// <summary>A Slurm reservation of one resource: who may use which nodes, when.</summary>
public sealed class SlurmReservation : IRawAnswer
{
    public string? Resource { get; internal set; }
    public string? Name { get; internal set; }
    public string? Partition { get; internal set; }
    public string? Nodes { get; internal set; }
    public int NodeCount { get; internal set; }
    public DateTimeOffset? StartTime { get; internal set; }
    public DateTimeOffset? EndTime { get; internal set; }
    public S3mList<string> Flags { get; internal set; } = S3mList<string>.Empty;
    public S3mList<string> Users { get; internal set; } = S3mList<string>.Empty;
    public S3mList<string> Accounts { get; internal set; } = S3mList<string>.Empty;
    internal JsonElement Raw { get; set; }
    JsonElement IRawAnswer.Raw => Raw;

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
        Flags = r.List("flags").ToS3mList(),
        Users = r.List("users").ToS3mList(),
        Accounts = r.List("accounts").ToS3mList(),
        Raw = r,
    };
}
