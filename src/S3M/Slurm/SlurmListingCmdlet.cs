using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using S3M.Slurm;

namespace S3M.Commands;

/// <summary>Shared shape of the read-only Slurm listings: -Resource, -ApiVersion, and a wildcard -Name.</summary>
public abstract class SlurmListingCmdlet<T> : S3mSessionCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceCompleter))]
    public string Resource { get; set; } = "";

    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ApiVersionCompleter))]
    public string? ApiVersion { get; set; }

    protected abstract Task<SlurmResult<T[]>> Fetch(SlurmClient slurm, CancellationToken token);

    protected abstract string? NameOf(T item);

    protected override void ProcessS3mRecord()
    {
        var slurm = RequireSession().Client.Slurm;
        var items = ValueOf(Await(token => Fetch(slurm, token)));
        var keep = NameFilter.From(Name);
        WriteObject(items.Where(i => keep(NameOf(i))), true);
    }
}
