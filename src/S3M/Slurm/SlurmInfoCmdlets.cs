using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using S3M.Slurm;

namespace S3M.Commands
{
    /// <summary>Shared shape of the read-only Slurm listings: -Resource, -ApiVersion, and a wildcard -Name.</summary>
    public abstract class SlurmListingCmdlet<T> : S3mCmdlet
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

        protected abstract Task<T[]> Fetch(SlurmClient slurm, CancellationToken token);

        protected abstract string? NameOf(T item);

        protected override void ProcessS3mRecord()
        {
            var slurm = RequireSession().Client.Slurm;
            var items = Await(token => Fetch(slurm, token));
            var patterns = Name?.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToArray();
            WriteObject(items.Where(i => patterns == null || patterns.Any(p => p.IsMatch(NameOf(i) ?? ""))), true);
        }
    }

    /// <summary>Partitions of a resource: state, nodes, CPUs, default and maximum time, maximum nodes.</summary>
    [Cmdlet(VerbsCommon.Get, "S3mSlurmPartition")]
    [OutputType(typeof(SlurmPartition))]
    public sealed class GetS3mSlurmPartition : SlurmListingCmdlet<SlurmPartition>
    {
        protected override Task<SlurmPartition[]> Fetch(SlurmClient slurm, CancellationToken token) => slurm.GetPartitionsAsync(Resource, ApiVersion, token);
        protected override string? NameOf(SlurmPartition item) => item.Name;
    }

    /// <summary>Compute nodes of a resource: state, CPUs and memory in use, partitions, features, reason.</summary>
    [Cmdlet(VerbsCommon.Get, "S3mSlurmNode")]
    [OutputType(typeof(SlurmNode))]
    public sealed class GetS3mSlurmNode : SlurmListingCmdlet<SlurmNode>
    {
        protected override Task<SlurmNode[]> Fetch(SlurmClient slurm, CancellationToken token) => slurm.GetNodesAsync(Resource, ApiVersion, token);
        protected override string? NameOf(SlurmNode item) => item.Name;
    }

    /// <summary>Reservations of a resource: partition, nodes, start and end, flags, users, accounts.</summary>
    [Cmdlet(VerbsCommon.Get, "S3mSlurmReservation")]
    [OutputType(typeof(SlurmReservation))]
    public sealed class GetS3mSlurmReservation : SlurmListingCmdlet<SlurmReservation>
    {
        protected override Task<SlurmReservation[]> Fetch(SlurmClient slurm, CancellationToken token) => slurm.GetReservationsAsync(Resource, ApiVersion, token);
        protected override string? NameOf(SlurmReservation item) => item.Name;
    }

    /// <summary>The Slurm controller's statistics for a resource.</summary>
    [Cmdlet(VerbsCommon.Get, "S3mSlurmDiagnostic")]
    [OutputType(typeof(SlurmDiagnostic))]
    public sealed class GetS3mSlurmDiagnostic : S3mCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ResourceCompleter))]
        public string Resource { get; set; } = "";

        [Parameter]
        [ArgumentCompleter(typeof(ApiVersionCompleter))]
        public string? ApiVersion { get; set; }

        protected override void ProcessS3mRecord()
        {
            var slurm = RequireSession().Client.Slurm;
            WriteObject(Await(token => slurm.GetDiagnosticsAsync(Resource, ApiVersion, token)));
        }
    }
}
