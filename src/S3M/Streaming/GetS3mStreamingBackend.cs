using System.Linq;
using System.Management.Automation;

namespace S3M.Commands;

/// <summary>The kinds of cluster S3M offers, with the settings and feature flags each takes.</summary>
[Cmdlet(VerbsCommon.Get, "S3mStreamingBackend")]
[OutputType(typeof(StreamingBackend))]
public sealed class GetS3mStreamingBackend : S3mSessionCmdlet
{
    [Parameter(Position = 0)]
    public StreamingEngine? Engine { get; set; }

    protected override void ProcessS3mRecord()
    {
        var client = RequireSession().Client.Streaming;
        var backends = Await(client.GetBackendsAsync);
        WriteObject(backends.Where(b => Engine == null || b.Engine == Engine), true);
    }
}
