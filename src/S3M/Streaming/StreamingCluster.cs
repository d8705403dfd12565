using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json;
using S3M.Streaming;

namespace S3M;

/// <summary>
/// A RabbitMQ or Redis cluster. The credential is a PSCredential and the URLs show **** for
/// the password; GetConnectionUri() gives the full URI a client library needs. The format
/// and serialization views leave the credential out (S3M.Types.ps1xml).
/// </summary>
public sealed class StreamingCluster : IRawAnswer
{
    private readonly StreamingClusterInfo _info;

    internal StreamingCluster(StreamingClusterInfo info)
    {
        _info = info;
        Credential = info.Username != null && info.Password != null ? new PSCredential(info.Username, info.Password) : null;
    }

    public StreamingEngine Engine => _info.Engine;
    public string? Name => _info.Name;
    public string? Kind => _info.Kind;
    public string? SyncStatus => _info.SyncStatus;
    public string? HealthStatus => _info.HealthStatus;

    /// <summary>True when S3M reports the cluster Synced and Healthy (see about_S3M).</summary>
    public bool IsReady => _info.IsReady;
    public DateTimeOffset? ProvisionedAt => _info.ProvisionedAt;
    public DateTimeOffset? ExtendedAt => _info.ExtendedAt;
    public TimeSpan? Lifetime => _info.Lifetime;
    public TimeSpan? Remaining => _info.Remaining;
    public DateTimeOffset? ExpiresAt => _info.ExpiresAt;
    public S3mDictionary<long> ResourceSettings => _info.ResourceSettings;
    public S3mDictionary<string> FeatureFlags => _info.FeatureFlags;

    /// <summary>Username and password; null in listings, which carry no credential.</summary>
    public PSCredential? Credential { get; }
    public string? Url => _info.Url;
    public string? ManagementUrl => _info.ManagementUrl;

    /// <summary>The answer as S3M gave it, with every password masked; PowerShell sees it as PowerShell values (S3M.Types.ps1xml).</summary>
    JsonElement IRawAnswer.Raw => ((IRawAnswer)_info).Raw;

    /// <summary>The full client URI, password included, for client libraries (amqps:// or redis://).</summary>
    public Uri? GetConnectionUri() => _info.ConnectionUrl == null ? null : new Uri(_info.ConnectionUrl);

    /// <summary>The full management URI, password included (RabbitMQ).</summary>
    public Uri? GetManagementUri() => _info.ManagementConnectionUrl == null ? null : new Uri(_info.ManagementConnectionUrl);

    public override string ToString() => $"{Engine} cluster {Name}";
}
