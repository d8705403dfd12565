using System.Threading;
using System.Threading.Tasks;
using S3M.Transport;

namespace S3M.Tokens;

/// <summary>Introspection and revocation of the session's own token.</summary>
public sealed class TokenClient
{
    private readonly S3mTransport _transport;

    internal TokenClient(S3mTransport transport) { _transport = transport; }

    public async Task<TokenInfo> IntrospectAsync(bool includeCallPermissions, CancellationToken cancellationToken)
    {
        var path = S3mRoutes.TokenIntrospect + (includeCallPermissions ? "?grpcPermissions=true" : "");
        var answer = await _transport.SendAsync(new S3mRequest("GET", path) { Retriable = true, Scope = S3mRoutes.Tokens }, cancellationToken).ConfigureAwait(false);
        return TokenInfo.Read(answer, _transport.ReadTokenPayload());
    }

    /// <summary>
    /// Revokes the token for good. Retried like a read: revoking twice is harmless, and a
    /// revoke lost to a flaky network must not leave a leaked token alive. A retry answered 401
    /// after a lost answer means the lost attempt revoked it.
    /// </summary>
    public async Task RevokeAsync(CancellationToken cancellationToken)
    {
        var request = new S3mRequest("DELETE", S3mRoutes.TokenRevoke)
        {
            Scope = S3mRoutes.Tokens,
            Retriable = true,
            AlreadyDone = S3mRequest.DoneWhenAnswered(401),
            OutcomeCheck = "Introspect the token: if S3M refuses it as unauthorized, it is revoked; otherwise revoke it again.",
        };
        await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        _transport.MarkRevoked();
    }
}
