using System;
using System.Collections.Generic;
using System.Security;
using System.Text.Json;
using S3M.Transport;

namespace S3M.Streaming;

/// <summary>
/// A streaming cluster as S3M describes it. The password is a SecureString and the full
/// URLs (which embed it) are internal; its raw answer (<see cref="IRawAnswer"/>) has both masked.
/// </summary>
public sealed class StreamingClusterInfo : IRawAnswer
{
    public StreamingEngine Engine { get; internal set; }
    public string? Name { get; internal set; }
    public string? Kind { get; internal set; }
    public string? SyncStatus { get; internal set; }
    public string? HealthStatus { get; internal set; }
    public bool IsReady => ClusterStatus.IsReady(SyncStatus, HealthStatus);
    public bool IsFailed => ClusterStatus.IsFailed(SyncStatus, HealthStatus);
    public DateTimeOffset? ProvisionedAt { get; internal set; }
    public DateTimeOffset? ExtendedAt { get; internal set; }
    public TimeSpan? Lifetime { get; internal set; }
    public TimeSpan? Remaining { get; internal set; }

    /// <summary>When S3M deletes the cluster unless it is extended: remaining time from when it was read.</summary>
    public DateTimeOffset? ExpiresAt { get; internal set; }
    public S3mDictionary<long> ResourceSettings { get; internal set; } = S3mDictionary<long>.Empty;
    public S3mDictionary<string> FeatureFlags { get; internal set; } = S3mDictionary<string>.Empty;
    public string? Username { get; internal set; }
    public SecureString? Password { get; internal set; }

    /// <summary>The client URL with the password in it: only for GetConnectionUri().</summary>
    public string? ConnectionUrl { get; internal set; }
    public string? ManagementConnectionUrl { get; internal set; }
    public string? Url => Secrets.MaskUrl(ConnectionUrl);
    public string? ManagementUrl => Secrets.MaskUrl(ManagementConnectionUrl);
    internal JsonElement Raw { get; set; }
    JsonElement IRawAnswer.Raw => Raw;

    /// <summary>What the user should know of how this record was had (a provision whose answer was lost, found by name).</summary>
    public S3mList<string> Warnings { get; internal set; } = S3mList<string>.Empty;

    public override string ToString() => $"{Engine} cluster {Name}";

    /// <summary>
    /// Fills in the credential and URLs from <paramref name="other"/> (a provision answer)
    /// where this record lacks them: a cluster record need not repeat what provisioning gave.
    /// </summary>
    public void KeepCredentialFrom(StreamingClusterInfo? other)
    {
        if (other == null)
        {
            return;
        }

        Username ??= other.Username;
        Password ??= other.Password;
        ConnectionUrl ??= other.ConnectionUrl;
        ManagementConnectionUrl ??= other.ManagementConnectionUrl;
    }

    /// <summary>Reads a cluster from list_clusters, cluster/{name} or a provision answer.</summary>
    internal static StreamingClusterInfo Read(JsonElement c, StreamingEngine engine, DateTimeOffset now)
    {
        var lifetime = c.Field("lifetime") ?? default;
        var password = c.NonEmptyString("password");
        var info = new StreamingClusterInfo
        {
            Engine = engine,
            Name = c.NonEmptyString("name"),
            Kind = c.NonEmptyString("kind"),
            SyncStatus = c.NonEmptyString("syncStatus"),
            HealthStatus = c.NonEmptyString("healthStatus"),
            Username = c.NonEmptyString("username"),
            Password = Tokens.SecureText.From(password),
            ConnectionUrl = c.NonEmptyString("amqpsUrl") ?? c.NonEmptyString("redisUrl") ?? c.NonEmptyString("url"),
            ManagementConnectionUrl = c.NonEmptyString("mgmtUrl"),
            Raw = Secrets.Redact(c, password),
        };
        ReadLifetime(info, lifetime, now);
        var settings = c.Field("resourceSettings") ?? default;
        var numbers = new Dictionary<string, long>(StringComparer.Ordinal);
        if (settings.ValueKind == JsonValueKind.Object)
        {
            foreach (var s in settings.EnumerateObject())
            {
                if (GatewayJson.AsInt64(s.Value) is long n)
                {
                    numbers[s.Name] = n;
                }
            }
        }

        info.ResourceSettings = new S3mDictionary<long>(numbers);
        info.FeatureFlags = new S3mDictionary<string>(c.StringMap("featureFlags"));
        return info;
    }

    internal static void ReadLifetime(StreamingClusterInfo info, JsonElement lifetime, DateTimeOffset now)
    {
        if (lifetime.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        info.ProvisionedAt = lifetime.Time("provisionedAt");
        info.ExtendedAt = lifetime.Time("extendedAt");
        // Counts left out of a lifetime are protobuf's zero: a missing secondsRemaining is no time left.
        info.Lifetime = TimeSpan.FromSeconds(Math.Max(0, lifetime.Int64("secondsLifetime") ?? 0));
        info.Remaining = TimeSpan.FromSeconds(Math.Max(0, lifetime.Int64("secondsRemaining") ?? 0));
        info.ExpiresAt = now + info.Remaining.Value;
    }
}
