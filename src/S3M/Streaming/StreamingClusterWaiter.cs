using System;
using System.Management.Automation;
using System.Threading.Tasks;
using S3M.Streaming;
using S3M.Transport;

namespace S3M.Commands;

/// <summary>
/// Waits for a cluster to be ready, with a progress bar. A cluster that turns unhealthy or
/// disappears is an error, not an endless wait; so is the deadline. Ctrl+C ends it at once.
/// </summary>
internal sealed class StreamingClusterWaiter
{
    private readonly S3mCmdlet _cmdlet;
    private readonly StreamingClient _client;

    public StreamingClusterWaiter(S3mCmdlet cmdlet, StreamingClient client)
    {
        _cmdlet = cmdlet;
        _client = client;
    }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The cluster once ready; throws S3M.Timeout, S3M.NotFound or S3M.Unavailable (unhealthy) otherwise.</summary>
    public StreamingClusterInfo Wait(StreamingEngine engine, string name, StreamingClusterInfo? known = null)
    {
        StreamingClusterInfo? cluster = null;
        var loop = new PollLoop(_cmdlet, 0x53334E, $"Waiting for {engine} cluster {name}", Timeout, PollInterval);
        var ready = loop.Run(progress =>
        {
            try { cluster = _cmdlet.Await(token => _client.GetClusterAsync(engine, name, token)); }
            catch (S3mException e) when (e.Kind == S3mErrorKind.NotFound)
            {
                throw e.Restated($"{engine} cluster {name} disappeared while waiting for it to be ready ({e.ServerMessage ?? e.Message}).");
            }
            // The provision answer's credential is kept: the record may not repeat it.
            cluster.KeepCredentialFrom(known);
            if (cluster.IsReady)
            {
                return true;
            }

            // A failure word ends the wait at once; any other word, known or not, waits for the deadline.
            if (cluster.IsFailed)
            {
                throw new S3mException(S3mErrorKind.Unavailable, $"{engine} cluster {name} has failed: S3M reports {ClusterStatus.Describe(cluster.SyncStatus, cluster.HealthStatus)}; it will not become ready. Remove it and provision again, or ask OLCF.");
            }

            progress.StatusDescription = ClusterStatus.Describe(cluster.SyncStatus, cluster.HealthStatus);
            return false;
        });
        if (!ready)
        {
            throw new S3mException(S3mErrorKind.Timeout, $"{engine} cluster {name} was not ready within {Timeout}; last seen: {ClusterStatus.Describe(cluster!.SyncStatus, cluster.HealthStatus)}. Wait again with Wait-S3mStreamingCluster.");
        }

        return cluster!;
    }
}
