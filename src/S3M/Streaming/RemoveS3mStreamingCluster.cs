using System.Management.Automation;

namespace S3M.Commands;

/// <summary>Deletes a streaming cluster for good.</summary>
[Cmdlet(VerbsCommon.Remove, "S3mStreamingCluster", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(StreamingCluster))]
public sealed class RemoveS3mStreamingCluster : StreamingClusterCmdlet
{
    /// <summary>Removes without asking for confirmation (-WhatIf still sends nothing).</summary>
    [Parameter] public SwitchParameter Force { get; set; }

    /// <summary>Writes the cluster as it was just before it was removed.</summary>
    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void ProcessS3mRecord()
    {
        var client = RequireSession().Client.Streaming;
        ForThisCluster(() =>
        {
            if (!ShouldProcessUnlessForced(Force, $"{Engine} cluster {Name}", "Remove (irreversible)"))
            {
                return;
            }

            var last = PassThru ? Await(token => client.GetClusterAsync(Engine, Name, token)) : null;
            Await(token => client.DeleteAsync(Engine, Name, token));
            WriteVerbose($"Removed {Engine} cluster {Name}.");
            if (last != null)
            {
                WriteObject(new StreamingCluster(last));
            }
        });
    }
}
