using System;
using System.Text.Json;
using S3M.Slurm;
using S3M.Transport;

namespace S3M
{
    /// <summary>A Slurm reservation of one resource: who may use which nodes, when.</summary>
    public sealed class SlurmReservation
    {
        public string? Resource { get; set; }
        public string? Name { get; set; }
        public string? Partition { get; set; }
        public string? Nodes { get; set; }
        public int? NodeCount { get; set; }
        public DateTimeOffset? StartTime { get; set; }
        public DateTimeOffset? EndTime { get; set; }
        public string[] Flags { get; set; } = Array.Empty<string>();
        public string[] Users { get; set; } = Array.Empty<string>();
        public string[] Accounts { get; set; } = Array.Empty<string>();
        public JsonElement Raw { get; set; }

        public override string ToString() => $"{Resource}/{Name}";

        internal static SlurmReservation Read(JsonElement r, string resource) => new SlurmReservation
        {
            Resource = resource,
            Name = r.NonEmptyString("name"),
            Partition = r.NonEmptyString("partition"),
            Nodes = r.NonEmptyString("node_list"),
            NodeCount = r.Int("node_count"),
            StartTime = r.UnixTime("start_time"),
            EndTime = r.UnixTime("end_time"),
            Flags = r.List("flags"),
            Users = r.List("users"),
            Accounts = r.List("accounts"),
            Raw = r,
        };
    }
}
