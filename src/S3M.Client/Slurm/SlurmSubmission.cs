using System;
using System.Text.Json;

namespace S3M;

/// <summary>What Slurm said when it took a job.</summary>
public sealed class SlurmSubmission
{
    public string? Resource { get; internal set; }
    public string? ApiVersion { get; internal set; }
    public int JobId { get; internal set; }
    public string? StepId { get; internal set; }
    public string? Message { get; internal set; }

    /// <summary>What Slurm warned about as it took the job (<c>warnings[]</c>), each as "Slurm: ...".</summary>
    public string[] Warnings { get; internal set; } = Array.Empty<string>();
    public JsonElement Raw { get; internal set; }

    public override string ToString() => $"{Resource} job {JobId}";
}
