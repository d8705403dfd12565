using System;
using System.Collections;
using System.Management.Automation;
using S3M.Slurm;
using S3M.Transport;

namespace S3M.Commands;

/// <summary>
/// Submits batch scripts to a resource's Slurm. #SBATCH lines are read as sbatch reads them;
/// parameters win over them; only fields S3M accepts are sent. Every script of the pipeline is
/// read and checked first, then all are sent, -ThrottleLimit at once (SubmissionSweep), and the
/// results written in input order. A submission is never re-sent:
/// its job carries a tag in its comment, by which a job whose answer was lost is found.
/// </summary>
[Cmdlet(VerbsLifecycle.Submit, "S3mSlurmJob", SupportsShouldProcess = true)]
[OutputType(typeof(SlurmSubmission), typeof(SlurmJob))]
public sealed class SubmitS3mSlurmJob : S3mSessionCmdlet
{
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceCompleter))]
    public string Resource { get; set; } = "";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Path", ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string ScriptPath { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = "Script", ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public string Script { get; set; } = "";

    [Parameter][ValidateNotNullOrEmpty] public string? Name { get; set; }
    [Parameter][ValidateNotNullOrEmpty] public string? Account { get; set; }
    [Parameter][ValidateNotNullOrEmpty][ArgumentCompleter(typeof(PartitionCompleter))] public string? Partition { get; set; }

    /// <summary>A node count or range, as -N takes it: 2, or 2-4.</summary>
    [Parameter][ValidateNotNullOrEmpty] public string? Nodes { get; set; }
    [Parameter][ValidateRange(1, int.MaxValue)] public int? Tasks { get; set; }
    [Parameter][ValidateRange(1, int.MaxValue)] public int? CpusPerTask { get; set; }

    /// <summary>In any Slurm form: 30, 1:30:00, 2-00:00:00, UNLIMITED.</summary>
    [Parameter][ValidateNotNullOrEmpty] public string? TimeLimit { get; set; }
    [Parameter][ValidateNotNullOrEmpty] public string? WorkingDirectory { get; set; }

    /// <summary>The job's environment, replacing --export; without either, a minimal PATH.</summary>
    [Parameter][ValidateNotNull] public IDictionary? Environment { get; set; }
    [Parameter][ValidateNotNullOrEmpty] public string? StandardOutput { get; set; }
    [Parameter][ValidateNotNullOrEmpty] public string? StandardError { get; set; }
    /// <summary>The job's comment, as --comment takes it; the submission tag follows it.</summary>
    [Parameter][ValidateNotNullOrEmpty] public string? Comment { get; set; }
    [Parameter][ValidateNotNullOrEmpty] public string? Qos { get; set; }
    [Parameter][ValidateNotNullOrEmpty] public string? Reservation { get; set; }

    /// <summary>Memory per node, as --mem takes it: 4096, 4G, 512M.</summary>
    [Parameter][ValidateNotNullOrEmpty] public string? Memory { get; set; }

    /// <summary>Any other accepted job field by its wire name: @{ comment = 'x'; tasks_per_node = 2 }.</summary>
    [Parameter][ValidateNotNull] public IDictionary? Property { get; set; }

    /// <summary>Sends S3M's "with storage" header (x-s3m-withstorage).</summary>
    [Parameter] public SwitchParameter WithStorage { get; set; }

    /// <summary>Sends the job's comment as it is, without the tag a lost answer is settled by.</summary>
    [Parameter] public SwitchParameter NoSubmissionTag { get; set; }

    /// <summary>Directives S3M does not accept become warnings instead of errors.</summary>
    [Parameter] public SwitchParameter IgnoreUnsupportedDirective { get; set; }

    /// <summary>Waits for the job to finish and writes the finished S3M.SlurmJob.</summary>
    [Parameter] public SwitchParameter Wait { get; set; }
    [Parameter] public TimeSpan? Timeout { get; set; }
    [Parameter] public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Parameter]
    [ArgumentCompleter(typeof(ApiVersionCompleter))]
    public string? ApiVersion { get; set; }

    /// <summary>How many submissions are under way at once; default: the session's MaximumConcurrency.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int? ThrottleLimit { get; set; }

    private SubmissionSweep? _sweep;

    protected override void ProcessS3mRecord()
    {
        var session = RequireSession();
        var slurm = session.Client.Slurm;
        if (Wait)
        {
            CheckWaitTimes(Timeout, PollInterval);
        }

        var description = ScriptSource.Read(this, ParameterSetName == "Path" ? ScriptPath : null, Script, IgnoreUnsupportedDirective);
        ApplyParameters(description);
        var plan = slurm.PlanSubmission(Resource, description, ApiVersion, WithStorage, withoutTag: NoSubmissionTag);
        DowntimeNotice.WarnBeforeSubmit(this, session.Client, Resource, description, plan.ApiVersion);

        // Transcripts keep Verbose: the shown body has the environment's values as ****.
        if (WhatIfRequested)
        {
            WriteVerbose($"{plan} would send:{System.Environment.NewLine}{plan.ShownBody}");
        }

        if (!ShouldProcess($"{Resource} (Slurm {plan.ApiVersion})", $"Submit job '{description.Name ?? "(unnamed)"}'"))
        {
            return;
        }

        // Sent with the rest once the input has ended: every script is read and checked before any is sent.
        (_sweep ??= new SubmissionSweep(this, Wait)).Add(plan, ParameterSetName == "Path" ? ScriptPath : description.Name);
    }

    protected override void EndS3mProcessing()
    {
        if (_sweep == null)
        {
            return;
        }

        var session = RequireSession();
        var slurm = session.Client.Slurm;
        var submitted = _sweep.Send(slurm, ThrottleLimit ?? session.MaximumConcurrency);
        if (Wait && submitted.Count > 0)
        {
            _sweep.Wait(new SlurmJobWaiter(this, slurm, submitted[0].ApiVersion) { Timeout = Timeout, PollInterval = PollInterval, Downtimes = session.Client.Downtimes }, submitted);
        }
    }

    protected override string? StoppedDetail() => _sweep?.StoppedDetail();

    // Each script's job carries its own tag: a lost answer's error names its own, and Ctrl+C's
    // warning names the one when a single script was under way.
    protected override string? OutcomeCheck => CheckFor(_sweep?.OnlyTag);

    protected override string? OutcomeCheckFor(S3mException e) => CheckFor(e.SubmissionTag);

    private string CheckFor(string? tag) =>
        tag == null ? $"Get-S3mSlurmJob -Resource {Resource}" : $"Get-S3mSlurmJob -Resource {Resource} -Comment '*{tag}*'";

    private void ApplyParameters(SlurmJobDescription job)
    {
        // -Property first, so the named parameters win over it as they win over directives.
        if (Property != null)
        {
            foreach (DictionaryEntry entry in Property)
            {
                job.Set(Convert.ToString(entry.Key) ?? "", PlainValues.FromPowerShell(entry.Value), "Property");
            }
        }

        SetIf(job, "name", Name, "Name");
        SetIf(job, "account", Account, "Account");
        SetIf(job, "partition", Partition, "Partition");
        SetIf(job, "nodes", Nodes, "Nodes");
        SetIf(job, "tasks", Tasks, "Tasks");
        SetIf(job, "cpus_per_task", CpusPerTask, "CpusPerTask");
        SetIf(job, "time_limit", TimeLimit, "TimeLimit");
        SetIf(job, "current_working_directory", WorkingDirectory, "WorkingDirectory");
        SetIf(job, "environment", Environment == null ? null : PlainValues.FromPowerShell(Environment), "Environment");
        SetIf(job, "standard_output", StandardOutput, "StandardOutput");
        SetIf(job, "standard_error", StandardError, "StandardError");
        SetIf(job, "comment", Comment, "Comment");
        SetIf(job, "qos", Qos, "Qos");
        SetIf(job, "reservation", Reservation, "Reservation");
        SetIf(job, "memory_per_node", Memory, "Memory");
    }

    private static void SetIf(SlurmJobDescription job, string field, object? value, string parameterName)
    {
        if (value != null)
        {
            job.Set(field, value, parameterName);
        }
    }
}
