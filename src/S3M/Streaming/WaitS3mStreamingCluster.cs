using System;
using System.Management.Automation;

namespace S3M.Commands;

/// <summary>Waits until a cluster is ready, with a progress bar; an unhealthy or vanished cluster is an error.</summary>
[Cmdlet(VerbsLifecycle.Wait, "S3mStreamingCluster")]
[OutputType(typeof(StreamingCluster))]
public sealed class WaitS3mStreamingCluster : StreamingClusterCmdlet
{
    [Parameter] public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(15);
    [Parameter] public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    protected override void ProcessS3mRecord()
    {
        var client = RequireSession().Client.Streaming;
        CheckWaitTimes(Timeout, PollInterval);
        ForThisCluster(() =>
        {
            var waiter = new StreamingClusterWaiter(this, client) { Timeout = Timeout, PollInterval = PollInterval };
            WriteObject(new StreamingCluster(waiter.Wait(Engine, Name)));
        });
    }
}
