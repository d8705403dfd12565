using System.Linq;
using System.Management.Automation;
using S3M.Slurm;
using S3M.Transport;

namespace S3M.Commands;

/// <summary>
/// Jobs of a resource: without -JobId the project's jobs (filtered by -State, -Name and -Comment); with
/// IDs, each job, fetched concurrently with a bounded number of requests and written in order.
/// </summary>
[Cmdlet(VerbsCommon.Get, "S3mSlurmJob", DefaultParameterSetName = "List")]
[OutputType(typeof(SlurmJob))]
public sealed class GetS3mSlurmJob : S3mSessionCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceCompleter))]
    public string Resource { get; set; } = "";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = "ById", ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, 999_999_999)]
    [ArgumentCompleter(typeof(JobIdCompleter))]
    public int[] JobId { get; set; } = new int[0];

    /// <summary>Keeps jobs in these states (PENDING, RUNNING, COMPLETED...).</summary>
    [Parameter(ParameterSetName = "List")]
    [ValidateNotNullOrEmpty]
    public string[]? State { get; set; }

    [Parameter(ParameterSetName = "List")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>Keeps jobs whose comment matches: '*s3m:3f9c0a1b2c3d4e5f*' finds a submission by its tag.</summary>
    [Parameter(ParameterSetName = "List")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Comment { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ApiVersionCompleter))]
    public string? ApiVersion { get; set; }

    protected override void ProcessS3mRecord()
    {
        var slurm = RequireSession().Client.Slurm;
        if (ParameterSetName == "List")
        {
            var jobs = ValueOf(Await(token => slurm.GetJobsAsync(Resource, ApiVersion, token)));
            var named = NameFilter.From(Name == null ? null : new[] { Name });
            var commented = NameFilter.From(Comment == null ? null : new[] { Comment });
            WriteObject(jobs.Where(j => (State == null || State.Any(s => string.Equals(s, j.State, System.StringComparison.OrdinalIgnoreCase) || j.StateFlags.Contains(s.ToUpperInvariant())))
                                        && named(j.Name) && commented(j.Comment)), true);
            return;
        }
        var ids = JobId.Select(id => (long)id).ToArray();
        var found = new SlurmResult<SlurmJob>?[ids.Length];
        var failed = new S3mException?[ids.Length];
        Await(token => slurm.GetJobsAsync(Resource, ApiVersion, ids, (i, job) => found[i] = job, (i, _, e) => failed[i] = e, token));
        for (var i = 0; i < ids.Length; i++)
        {
            if (found[i] is { } job)
            {
                WriteObject(ValueOf(job));
            }
            else if (failed[i] is S3mException e)
            {
                WriteItemError(e, JobId[i]);
            }
        }
    }
}
