using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using S3M.Slurm;

namespace S3M.Commands;

/// <summary>Reservations of a resource: partition, nodes, start and end, flags, users, accounts.</summary>
[Cmdlet(VerbsCommon.Get, "S3mSlurmReservation")]
[OutputType(typeof(SlurmReservation))]
public sealed class GetS3mSlurmReservation : SlurmListingCmdlet<SlurmReservation>
{
    protected override Task<SlurmResult<SlurmReservation[]>> Fetch(SlurmClient slurm, CancellationToken token) => slurm.GetReservationsAsync(Resource, ApiVersion, token);
    protected override string? NameOf(SlurmReservation item) => item.Name;
}
