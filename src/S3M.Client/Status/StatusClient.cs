using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using S3M.Transport;

namespace S3M.Status;

/// <summary>Resource status and downtimes: public, no token sent.</summary>
public sealed class StatusClient
{
    private readonly S3mTransport _transport;

    internal StatusClient(S3mTransport transport) { _transport = transport; }

    public async Task<ResourceStatus[]> GetResourcesAsync(CancellationToken cancellationToken)
    {
        var answer = await _transport.SendAsync(S3mRequest.Get(S3mRoutes.Status, authenticated: false), cancellationToken).ConfigureAwait(false);
        return answer.Objects("resources").Select(ResourceStatus.Read).ToArray();
    }

    public async Task<ResourceStatus> GetResourceAsync(string name, CancellationToken cancellationToken)
    {
        var answer = await _transport.SendAsync(S3mRequest.Get(S3mRoutes.StatusOf(name), authenticated: false), cancellationToken).ConfigureAwait(false);
        // The contract answers the Resource itself; a {"resource": ...} wrapper, common in gRPC gateways, is read too.
        return ResourceStatus.Read(answer.Field("resource") ?? answer);
    }

    public async Task<Downtime[]> GetDowntimesAsync(bool upcoming, CancellationToken cancellationToken)
    {
        var path = upcoming ? S3mRoutes.DowntimesUpcoming : S3mRoutes.DowntimesNow;
        var answer = await _transport.SendAsync(S3mRequest.Get(path, authenticated: false), cancellationToken).ConfigureAwait(false);
        return answer.Objects("downtimes").Select(Downtime.Read).ToArray();
    }
}
