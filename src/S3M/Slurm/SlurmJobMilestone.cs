namespace S3M;

/// <summary>What Wait-S3mSlurmJob waits for: a job that left PENDING, or one in a final state.</summary>
public enum SlurmJobMilestone
{
    Started,
    Finished,
}
