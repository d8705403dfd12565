using System;
using System.Collections.Generic;
using System.Management.Automation;
using S3M.Transport;

namespace S3M.Commands;

/// <summary>Waits until jobs start or finish, with a progress bar; writes each job as it gets there.</summary>
[Cmdlet(VerbsLifecycle.Wait, "S3mSlurmJob")]
[OutputType(typeof(SlurmJob))]
public sealed class WaitS3mSlurmJob : S3mSessionCmdlet
{
    private readonly List<(string, int)> _jobs = new List<(string, int)>();

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceCompleter))]
    public string Resource { get; set; } = "";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, 999_999_999)]
    [ArgumentCompleter(typeof(JobIdCompleter))]
    public int[] JobId { get; set; } = new int[0];

    [Parameter]
    public SlurmJobMilestone Until { get; set; } = SlurmJobMilestone.Finished;

    /// <summary>How long to wait in all; unfinished jobs then become S3M.Timeout errors. Default: no limit.</summary>
    [Parameter]
    public TimeSpan? Timeout { get; set; }

    [Parameter]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Parameter]
    [ArgumentCompleter(typeof(ApiVersionCompleter))]
    public string? ApiVersion { get; set; }

    protected override void ProcessS3mRecord()
    {
        S3mNames.Check(Resource, "Resource");
        foreach (var id in JobId)
        {
            _jobs.Add((Resource, id));
        }
    }

    protected override void EndS3mProcessing()
    {
        CheckWaitTimes(Timeout, PollInterval);
        var client = RequireSession().Client;
        var waiter = new SlurmJobWaiter(this, client.Slurm, ApiVersion)
        {
            UntilStarted = Until == SlurmJobMilestone.Started,
            Timeout = Timeout,
            PollInterval = PollInterval,
            Downtimes = client.Downtimes,
        };
        waiter.Wait(_jobs, WriteObject);
    }
}
