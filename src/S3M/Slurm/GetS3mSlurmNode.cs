using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using S3M.Slurm;

namespace S3M.Commands;

/// <summary>Compute nodes of a resource: state, CPUs and memory in use, partitions, features, reason.</summary>
[Cmdlet(VerbsCommon.Get, "S3mSlurmNode")]
[OutputType(typeof(SlurmNode))]
public sealed class GetS3mSlurmNode : SlurmListingCmdlet<SlurmNode>
{
    protected override Task<SlurmResult<SlurmNode[]>> Fetch(SlurmClient slurm, CancellationToken token) => slurm.GetNodesAsync(Resource, ApiVersion, token);
    protected override string? NameOf(SlurmNode item) => item.Name;
}
