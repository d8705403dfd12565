namespace S3M.Emulator.Slurm.Wire;

/// <summary><c>GET /jobs</c>: the controller's jobs (<c>openapi_job_info_resp</c>).</summary>
internal sealed record JobsAnswer : SlurmAnswer
{
    public required IReadOnlyList<ControllerJob> Jobs { get; init; }

    public required Wrap64 LastBackfill { get; init; }

    public required Wrap64 LastUpdate { get; init; }
}

/// <summary><c>GET /job/{id}</c>: S3M answers from accounting (<c>openapi_slurmdbd_jobs_resp</c>).</summary>
internal sealed record AccountingJobsAnswer : SlurmAnswer
{
    public required IReadOnlyList<AccountingJob> Jobs { get; init; }
}

/// <summary><c>GET /job/{id}</c> with bare records (<see cref="MinimalAccountingJob"/>).</summary>
internal sealed record MinimalAccountingJobsAnswer : SlurmAnswer
{
    public required IReadOnlyList<MinimalAccountingJob> Jobs { get; init; }
}

/// <summary><c>POST /job/submit</c> (<c>openapi_job_submit_response</c>); no job fields when Slurm refused it.</summary>
internal sealed record SubmitAnswer : SlurmAnswer
{
    public int JobId { get; init; }

    public string? StepId { get; init; }

    public string? JobSubmitUserMsg { get; init; }
}

/// <summary><c>DELETE /job/{id}</c> (<c>openapi_kill_job_resp</c>, the same in v0.0.42 to v0.0.44).</summary>
internal sealed record KillAnswer : SlurmAnswer
{
    public required IReadOnlyList<KillStatus> Status { get; init; }
}

internal sealed record KillStatus(KillError Error, string? StepId, Wrap32 JobId);

/// <summary><c>string</c> is Slurm's text for <c>code</c>; <c>message</c> says what happened to this job.</summary>
internal sealed record KillError(string String, int Code, string? Message);
