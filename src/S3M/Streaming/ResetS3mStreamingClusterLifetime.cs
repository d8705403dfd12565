using System.Management.Automation;

namespace S3M.Commands;

/// <summary>Resets a cluster's seven-day countdown to seven days from now; writes the cluster with its new lifetime.</summary>
[Cmdlet(VerbsCommon.Reset, "S3mStreamingClusterLifetime", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(StreamingCluster))]
public sealed class ResetS3mStreamingClusterLifetime : StreamingClusterCmdlet
{
    protected override void ProcessS3mRecord()
    {
        var client = RequireSession().Client.Streaming;
        ForThisCluster(() =>
        {
            if (!ShouldProcess($"{Engine} cluster {Name}", "Extend to seven days from now"))
            {
                return;
            }

            WriteObject(new StreamingCluster(Await(token => client.ExtendAsync(Engine, Name, token))));
        });
    }
}
