using System;
using System.Text.Json;

namespace S3M
{
    /// <summary>What Slurm said when it took a job.</summary>
    public sealed class SlurmSubmission
    {
        public string? Resource { get; set; }
        public string? ApiVersion { get; set; }
        public int JobId { get; set; }
        public string? StepId { get; set; }
        public string? Message { get; set; }
        public string[] Warnings { get; set; } = Array.Empty<string>();
        public JsonElement Raw { get; set; }

        public override string ToString() => $"{Resource} job {JobId}";
    }
}
