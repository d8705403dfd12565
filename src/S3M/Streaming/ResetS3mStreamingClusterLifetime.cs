using System.Management.Automation;
using S3M.Transport;

namespace S3M.Commands
{
    /// <summary>Resets a cluster's seven-day countdown to seven days from now; writes the cluster with its new lifetime.</summary>
    [Cmdlet(VerbsCommon.Reset, "S3mStreamingClusterLifetime", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(StreamingCluster))]
    public sealed class ResetS3mStreamingClusterLifetime : S3mCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        public StreamingEngine Engine { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(StreamingClusterNameCompleter))]
        public string Name { get; set; } = "";

        protected override void ProcessS3mRecord()
        {
            var client = RequireSession().Client.Streaming;
            S3mRoutes.Segment(Name, "Name");
            if (!ShouldProcess($"{Engine} cluster {Name}", "Extend to seven days from now")) return;
            try { WriteObject(new StreamingCluster(Await(token => client.ExtendAsync(Engine, Name, token)))); }
            catch (S3mException e) when (e.Kind != S3mErrorKind.InvalidArgument && e.Kind != S3mErrorKind.NotConnected)
            {
                WriteItemError(e, Name);
            }
        }
    }
}
