namespace S3M.Emulator.Config;

/// <summary>The streaming service's pace and where its real Redis comes from.</summary>
internal sealed record StreamingSpec
{
    /// <summary>Seconds of the emulator's clock from provision to Synced/Healthy.</summary>
    public double ReadySeconds { get; init; } = 2;

    /// <summary>
    /// The <c>redis-server</c> to run, one process per Redis cluster: a command name looked up on
    /// PATH, or a path. Empty: no real Redis, Redis URLs point nowhere.
    /// </summary>
    public string RedisServer { get; init; } = "redis-server";
}
