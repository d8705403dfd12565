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

    /// <summary>The tag the job carries in its comment (<see cref="Slurm.SubmissionTag"/>); null when it was submitted without.</summary>
    public string? SubmissionTag { get; internal set; }

    /// <summary>
    /// True when the answer to the submit was lost and the job was found in the resource's job
    /// list by its tag: submitted once, and <see cref="Raw"/> is the job as the list shows it.
    /// </summary>
    public bool FoundByTag { get; internal set; }

    /// <summary>What Slurm warned about as it took the job (<c>warnings[]</c>), each as "Slurm: ...".</summary>
    public S3mList<string> Warnings { get; internal set; } = S3mList<string>.Empty;

    /// <summary>Slurm's answer to the submit; the job from the job list when it was <see cref="FoundByTag"/>.</summary>
    internal JsonElement Raw { get; set; }
    JsonElement IRawAnswer.Raw => Raw;

    public override string ToString() => $"{Resource} job {JobId}";
}
