using System.Linq;
using System.Management.Automation;
using S3M.Transport;

namespace S3M.Commands;

/// <summary>Status of OLCF resources: all, or those named (wildcards allowed). Needs no token.</summary>
[Cmdlet(VerbsCommon.Get, "S3mStatus")]
[OutputType(typeof(ResourceStatus))]
public sealed class GetS3mStatus : S3mSessionCmdlet
{
    private ResourceStatus[]? _all;

    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ResourceName", "Resource")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceCompleter))]
    public string[]? Name { get; set; }

    protected override void ProcessS3mRecord()
    {
        var client = SessionStore.PublicClient(SessionOrDefault);
        if (Name == null)
        {
            WriteObject(Await(client.Status.GetResourcesAsync), true);
            return;
        }
        foreach (var name in Name)
        {
            try
            {
                if (WildcardPattern.ContainsWildcardCharacters(name))
                {
                    var matches = NameFilter.From(new[] { name });
                    _all ??= Await(client.Status.GetResourcesAsync);
                    WriteObject(_all.Where(r => r.Name != null && matches(r.Name)), true);
                }
                else
                {
                    WriteObject(Await(token => client.Status.GetResourceAsync(name, token)));
                }
            }
            catch (S3mException e) when (IsItemFailure(e))
            {
                WriteItemError(e, name);
            }
        }
    }
}
