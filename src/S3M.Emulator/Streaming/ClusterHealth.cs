namespace S3M.Emulator.Streaming;

/// <summary>
/// The words a cluster reports, Argo CD's (S3M deploys clusters with it): <c>syncStatus</c>
/// Synced/OutOfSync/Unknown, <c>healthStatus</c> Healthy/Progressing/Degraded/Suspended/Missing/Unknown.
/// Ready is Synced and Healthy; Degraded or Missing is a failure; the rest is on its way.
/// </summary>
internal readonly record struct ClusterHealth(string SyncStatus, string HealthStatus)
{
    public const string Synced = "Synced";
    public const string OutOfSync = "OutOfSync";
    public const string Healthy = "Healthy";
    public const string Progressing = "Progressing";
    public const string Degraded = "Degraded";

    /// <summary>
    /// The lifecycle: OutOfSync/Progressing for the first half of the ready delay, Synced/Progressing
    /// for the second, then Synced/Healthy. A Redis process that should run and does not is Degraded.
    /// </summary>
    public static ClusterHealth At(TimeSpan age, TimeSpan readyAfter, bool processDown)
    {
        if (age < readyAfter / 2)
        {
            return new(OutOfSync, Progressing);
        }

        if (processDown)
        {
            return new(Synced, Degraded);
        }

        return age < readyAfter ? new(Synced, Progressing) : new(Synced, Healthy);
    }
}
