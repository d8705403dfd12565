using System;
using System.Collections.Generic;
using S3M.Commands;
using S3M.Tokens;
using S3M.Transport;

namespace S3M;

/// <summary>
/// A connection to S3M with one project token. Shows what the token is for, never the token:
/// the client that holds it is internal, so views, Format-List *, ConvertTo-Json and
/// Export-Clixml cannot reach it.
/// </summary>
public sealed class Session
{
    private volatile bool _disconnected;

    internal Session(S3mClient client, TokenInfo? info, JwtPayload? jwt)
    {
        Client = client;
        Project = info?.Project;
        Username = info?.Username;
        Permissions = info?.Permissions ?? S3mList<string>.Empty;
        ExpiresAt = info?.PlannedExpiration;
        TokenId = jwt?.TokenId;
        Description = info?.Description ?? jwt?.Description;
        SecurityEnclave = info?.SecurityEnclave;
        ConnectedAt = DateTimeOffset.UtcNow;
    }

    internal S3mClient Client { get; }

    public Uri BaseUri => Client.Options.BaseUri;
    public string Enclave => Client.Options.Enclave;
    public string ComputePrefix => Client.Options.ComputePrefix;
    public string StreamingPrefix => Client.Options.StreamingPrefix;
    public string? Project { get; }
    public string? Username { get; }
    public S3mList<string> Permissions { get; }
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>The token's JWT ID (<c>jti</c>): safe to show, and what OLCF asks for when you report a leak.</summary>
    public string? TokenId { get; }
    public string? Description { get; }

    /// <summary>The enclave the token is bound to, as introspection reported it.</summary>
    public string? SecurityEnclave { get; }
    public DateTimeOffset ConnectedAt { get; }
    public TimeSpan Timeout => Client.Options.Timeout;
    public int MaximumConcurrency => Client.Options.MaximumConcurrency;

    /// <summary>The most bytes one answer may have once decompressed; a larger one fails as S3M.InvalidResponse.</summary>
    public long MaximumResponseSize => Client.Options.MaximumResponseSize;

    /// <summary>The slurmrestd version used for each resource (others: v0.0.43).</summary>
    public S3mDictionary<string> SlurmApiVersions => Client.Slurm.Versions.Table;
    /// <summary>Whether this is the default session of the runspace that reads the property.</summary>
    public bool IsDefault => ReferenceEquals(SessionStore.CurrentDefault(), this);
    public bool Revoked => Client.IsRevoked;
    public bool Disconnected => _disconnected;

    internal void Disconnect()
    {
        _disconnected = true;
        Client.Dispose();
    }

    internal void CheckUsable()
    {
        if (_disconnected)
        {
            throw S3mException.NotConnected("This session was disconnected (Disconnect-S3m); run Connect-S3m again.");
        }
    }

    public override string ToString() => $"S3M session {Project ?? "(not introspected)"} at {BaseUri.GetLeftPart(UriPartial.Authority)}";
}
