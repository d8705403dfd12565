using System;
using System.Collections.Generic;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using S3M.Slurm;
using S3M.Status;
using S3M.Streaming;
using S3M.Tokens;
using S3M.Transport;

namespace S3M;

/// <summary>
/// The typed S3M client: one sub-client per service, and one escape hatch for any other path.
/// This class and the types its members return are the client's whole public face: HTTP,
/// routes and JSON stay inside. Disposing it disposes its token.
/// </summary>
public sealed class S3mClient : IDisposable
{
    public S3mClient(S3mClientOptions options, SecureString? token)
    {
        Transport = new S3mTransport(options, token);
        Status = new StatusClient(Transport);
        Tokens = new TokenClient(Transport);
        Slurm = new SlurmClient(Transport);
        Streaming = new StreamingClient(Transport);
        Downtimes = new DowntimeCalendar(Status, Slurm);
    }

    internal S3mTransport Transport { get; }
    public S3mClientOptions Options => Transport.Options;
    public StatusClient Status { get; }
    public TokenClient Tokens { get; }
    public SlurmClient Slurm { get; }
    public StreamingClient Streaming { get; }

    /// <summary>The downtimes submits and waits are checked against, read once per few minutes for this client.</summary>
    public DowntimeCalendar Downtimes { get; }

    /// <summary>True once the token was revoked through this client; calls that need it then fail before sending.</summary>
    public bool IsRevoked => Transport.IsRevoked;

    /// <summary>What the token says of itself (its ID, issue time), read without asking S3M; null for no token or one that is not a JWT.</summary>
    public JwtPayload? TokenPayload => Transport.ReadTokenPayload();

    /// <summary>
    /// Any S3M path under the base URI, with this client's token, retries (reads only) and
    /// errors. The path must stay where it points once normalised; the query is escaped here;
    /// the body is plain values (dictionaries, lists, scalars) or JSON text. The answer comes
    /// back as plain values: ordered dictionaries, object[], strings, long, double, bool.
    /// </summary>
    public async Task<object?> InvokeAsync(string method, string path, IEnumerable<KeyValuePair<string, object?>>? query, object? body, CancellationToken cancellationToken)
    {
        // Only reads are retried: a change that reached the server may have done its work.
        var request = EscapeHatch.Request(method, path, query, body, retriable: IsGet(method));
        return GatewayJson.ToPlain(await Transport.SendAsync(request, cancellationToken).ConfigureAwait(false));
    }

    internal static bool IsGet(string method) => string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase);

    /// <summary>Disposes the token; calls that need it then fail with S3M.NotConnected.</summary>
    public void Dispose() => Transport.Dispose();
}
