using System;
using System.Text.Json;

namespace S3M;

/// <summary>What Slurm said when it took a job.</summary>
public sealed class SlurmSubmission : IRawAnswer
{
    public string? Resource { get; internal set; }
    public string? ApiVersion { get; internal set; }
    public int JobId { get; internal set; }
    public string? StepId { get; internal set; }
    public string? Message { get; internal set; }

    /// <summary>What Slurm warned about as it took the job (<c>warnings[]</c>), each as "Slurm: ...".</summary>
    public S3mList<string> Warnings { get; internal set; } = S3mList<string>.Empty;
    internal JsonElement Raw { get; set; }
    JsonElement IRawAnswer.Raw => Raw;

    public override string ToString() => $"{Resource} job {JobId}";
}
