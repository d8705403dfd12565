using System;
using System.Text.Json;
using S3M.Slurm;
using S3M.Transport;

namespace S3M
{
    /// <summary>A compute node of one resource: state, CPUs and memory in use, and why it is down.</summary>
    public sealed class SlurmNode
    {
        public string? Resource { get; set; }
        public string? Name { get; set; }
        public string? State { get; set; }
        public int? Cpus { get; set; }
        public int AllocatedCpus { get; set; }
        public long? MemoryMiB { get; set; }
        public long AllocatedMemoryMiB { get; set; }
        public string[] Partitions { get; set; } = Array.Empty<string>();
        public string[] Features { get; set; } = Array.Empty<string>();
        public string? Reason { get; set; }
        public JsonElement Raw { get; set; }

        public override string ToString() => $"{Resource}/{Name} {State}";

        internal static SlurmNode Read(JsonElement n, string resource) => new SlurmNode
        {
            Resource = resource,
            Name = n.NonEmptyString("name"),
            State = n.Text("state"),
            Cpus = n.Int("cpus"),
            AllocatedCpus = n.Int("alloc_cpus") ?? 0, // left out when zero
            MemoryMiB = n.Number("real_memory"),
            AllocatedMemoryMiB = n.Number("alloc_memory") ?? 0,
            Partitions = n.List("partitions"),
            Features = n.List("features"),
            Reason = n.NonEmptyString("reason"),
            Raw = n,
        };
    }
}
