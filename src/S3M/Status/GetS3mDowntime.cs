using System.Linq;
using System.Management.Automation;

namespace S3M.Commands;

/// <summary>Downtimes in effect now, or with -Upcoming those of the next ten days. Needs no token.</summary>
[Cmdlet(VerbsCommon.Get, "S3mDowntime")]
[OutputType(typeof(Downtime))]
public sealed class GetS3mDowntime : S3mSessionCmdlet
{
    private Downtime[]? _downtimes;

    [Parameter]
    public SwitchParameter Upcoming { get; set; }

    /// <summary>Resource names to keep (wildcards allowed); binds Name from Get-S3mStatus output.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ResourceName", "Resource")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceCompleter))]
    public string[]? Name { get; set; }

    protected override void ProcessS3mRecord()
    {
        // One request per call, however many names come down the pipeline.
        _downtimes ??= Await(token => SessionStore.PublicClient(SessionOrDefault).Status.GetDowntimesAsync(Upcoming, token));
        var keep = NameFilter.From(Name);
        WriteObject(_downtimes.Where(d => keep(d.ResourceName)), true);
    }
}
