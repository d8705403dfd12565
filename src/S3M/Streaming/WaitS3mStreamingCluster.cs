using System;
using System.Management.Automation;
using S3M.Transport;

namespace S3M.Commands
{
    /// <summary>Waits until a cluster is ready, with a progress bar; an unhealthy or vanished cluster is an error.</summary>
    [Cmdlet(VerbsLifecycle.Wait, "S3mStreamingCluster")]
    [OutputType(typeof(StreamingCluster))]
    public sealed class WaitS3mStreamingCluster : S3mCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        public StreamingEngine Engine { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(StreamingClusterNameCompleter))]
        public string Name { get; set; } = "";

        [Parameter] public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(15);
        [Parameter] public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

        protected override void ProcessS3mRecord()
        {
            var client = RequireSession().Client.Streaming;
            StreamingClusterWaiter.CheckTimes(Timeout, PollInterval);
            S3mRoutes.Segment(Name, "Name");
            try
            {
                var cluster = new StreamingClusterWaiter(this, client) { Timeout = Timeout, PollInterval = PollInterval }.Wait(Engine, Name);
                WriteObject(new StreamingCluster(cluster));
            }
            catch (S3mException e) when (e.Kind != S3mErrorKind.InvalidArgument && e.Kind != S3mErrorKind.NotConnected)
            {
                WriteItemError(e, Name);
            }
        }
    }
}
