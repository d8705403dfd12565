using S3M.Emulator.Streaming.Redis;
using S3M.Emulator.Streaming.Wire;

namespace S3M.Emulator.Streaming;

/// <summary>
/// The emulator's record of one provisioned cluster. Immutable: a change (extend, a forced status)
/// stores a new record, so what a read took never changes under it.
/// </summary>
internal sealed record ClusterRecord
{
    /// <summary>Every cluster counts down seven days; extend starts the seven days again.</summary>
    public static readonly TimeSpan LifetimeSpan = TimeSpan.FromDays(7);

    public required string Project { get; init; }

    public required string Engine { get; init; }

    public required string Kind { get; init; }

    public required string Name { get; init; }

    public required IReadOnlyDictionary<string, int> ResourceSettings { get; init; }

    public required IReadOnlyDictionary<string, bool> FeatureFlags { get; init; }

    public required string Username { get; init; }

    public required string Password { get; init; }

    /// <summary>RabbitMQ: AMQPS and management URLs. Redis: the server's URL (the real one when <see cref="Redis"/> is set).</summary>
    public required string Url { get; init; }

    public string? MgmtUrl { get; init; }

    public required DateTimeOffset ProvisionedAt { get; init; }

    public DateTimeOffset? ExtendedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The ready delay in force when it was provisioned.</summary>
    public required TimeSpan ReadyAfter { get; init; }

    /// <summary>The real server behind a Redis cluster; null for RabbitMQ and without redis-server.</summary>
    public RedisInstance? Redis { get; init; }

    /// <summary>True when a real server was wanted and did not start.</summary>
    public bool RedisFailed { get; init; }

    /// <summary>Words forced through <c>/_emulator/streaming/.../health</c>; null follows the lifecycle.</summary>
    public string? ForcedSync { get; init; }

    public string? ForcedHealth { get; init; }

    /// <summary>Set through <c>/_emulator/streaming/.../delete-refusal</c>: a delete then answers without success, and the cluster stays.</summary>
    public DeleteRefusal DeleteRefusal { get; init; }

    public ClusterHealth HealthAt(DateTimeOffset now)
    {
        var lifecycle = ClusterHealth.At(now - ProvisionedAt, ReadyAfter, RedisFailed || Redis?.HasExited == true);
        return new(ForcedSync ?? lifecycle.SyncStatus, ForcedHealth ?? lifecycle.HealthStatus);
    }

    /// <summary>Whole seconds left, rounded up: a cluster that exists always has at least one.</summary>
    public Lifetime LifetimeAt(DateTimeOffset now) => new(
        ProvisionedAt,
        ExtendedAt,
        (long)LifetimeSpan.TotalSeconds,
        Math.Max(0, (long)Math.Ceiling((ExpiresAt - now).TotalSeconds)));

    public ClusterSummary Summary(DateTimeOffset now)
    {
        var health = HealthAt(now);
        return new(Kind, Name, health.SyncStatus, health.HealthStatus, LifetimeAt(now));
    }

    public ClusterDetail Detail(DateTimeOffset now)
    {
        var health = HealthAt(now);
        var isRedis = Engine == EngineNames.Redis;
        return new ClusterDetail
        {
            Kind = Kind,
            Name = Name,
            SyncStatus = health.SyncStatus,
            HealthStatus = health.HealthStatus,
            Lifetime = LifetimeAt(now),
            ResourceSettings = ResourceSettings,
            Username = Username,
            Password = Password,
            AmqpsUrl = isRedis ? null : Url,
            MgmtUrl = MgmtUrl,
            RedisUrl = isRedis ? Url : null,
            FeatureFlags = FeatureFlags,
        };
    }

    /// <summary>What provision answers: the credentials and URLs, each engine its own shape.</summary>
    public object ProvisionAnswer() => Engine == EngineNames.Redis
        ? new RedisProvisionAnswer(Username, Password, Url)
        : new RabbitMqProvisionAnswer(Username, Password, Url, MgmtUrl!);
}
