using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using S3M.Slurm;

namespace S3M.Commands;

/// <summary>Partitions of a resource: state, nodes, CPUs, default and maximum time, maximum nodes.</summary>
[Cmdlet(VerbsCommon.Get, "S3mSlurmPartition")]
[OutputType(typeof(SlurmPartition))]
public sealed class GetS3mSlurmPartition : SlurmListingCmdlet<SlurmPartition>
{
    protected override Task<SlurmResult<SlurmPartition[]>> Fetch(SlurmClient slurm, CancellationToken token) => slurm.GetPartitionsAsync(Resource, ApiVersion, token);
    protected override string? NameOf(SlurmPartition item) => item.Name;
}
