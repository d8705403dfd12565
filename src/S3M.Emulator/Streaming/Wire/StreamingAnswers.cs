using S3M.Emulator.Gateway;

namespace S3M.Emulator.Streaming.Wire;

// Written with WireJson: lowerCamelCase, zero values left out, 64-bit numbers as strings.
// Map keys ("ram-gbs") are kept as they are: naming policies do not touch dictionary keys.

/// <summary><c>GET /list_backends</c>.</summary>
internal sealed record BackendsAnswer(IReadOnlyList<Backend> Backends);

internal sealed record Backend(
    string Engine, string Kind, string Description, IReadOnlyList<ResourceOption> ResourceOptions, IReadOnlyList<FeatureFlag> FeatureFlags);

internal sealed record ResourceOption(string Key, string Description, int Min, int Max, int Default);

/// <summary>A flag whose default is false has no <c>default</c> on the wire (a zero value).</summary>
internal sealed record FeatureFlag(string Key, string Description, bool Default);

/// <summary>
/// The countdown. <c>extendedAt</c> is absent until the first extend; <c>secondsRemaining</c>
/// counts down on the emulator's clock, and the cluster is gone when it reaches zero.
/// </summary>
internal sealed record Lifetime(DateTimeOffset ProvisionedAt, DateTimeOffset? ExtendedAt, long SecondsLifetime, long SecondsRemaining);

/// <summary><c>POST /rabbitmq/provision_cluster</c>.</summary>
internal sealed record RabbitMqProvisionAnswer(string Username, string Password, string AmqpsUrl, string MgmtUrl);

/// <summary><c>POST /redis/provision_cluster</c>: <c>url</c> here, <c>redisUrl</c> in the cluster record.</summary>
internal sealed record RedisProvisionAnswer(string Username, string Password, string Url);

/// <summary><c>GET /{engine}/list_clusters</c>.</summary>
internal sealed record ClustersAnswer(IReadOnlyList<ClusterSummary> Clusters);

internal sealed record ClusterSummary(string Kind, string Name, string SyncStatus, string HealthStatus, Lifetime Lifetime);

/// <summary><c>GET /{engine}/cluster/{name}</c>.</summary>
internal sealed record ClusterAnswer(ClusterDetail Cluster);

internal sealed record ClusterDetail
{
    public required string Kind { get; init; }

    public required string Name { get; init; }

    public required string SyncStatus { get; init; }

    public required string HealthStatus { get; init; }

    public required Lifetime Lifetime { get; init; }

    public required IReadOnlyDictionary<string, int> ResourceSettings { get; init; }

    public required string Username { get; init; }

    public required string Password { get; init; }

    public string? AmqpsUrl { get; init; }

    public string? MgmtUrl { get; init; }

    public string? RedisUrl { get; init; }

    public required IReadOnlyDictionary<string, bool> FeatureFlags { get; init; }
}

/// <summary><c>POST /{engine}/extend/{name}</c>.</summary>
internal sealed record ExtendAnswer(Lifetime Lifetime);

/// <summary><c>DELETE /{engine}/cluster/{name}</c>. A <c>false</c> is left out like any zero field: a refusal answers <c>{}</c>.</summary>
internal sealed record DeleteAnswer(bool Success);

/// <summary>A refused delete that says <c>{"success":false}</c>, as a gateway that writes zero fields would.</summary>
internal sealed record ExplicitDeleteAnswer([property: KeepEmpty] bool Success);
