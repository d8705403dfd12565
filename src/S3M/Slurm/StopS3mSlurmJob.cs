using System.Management.Automation;
using S3M.Slurm;
using S3M.Transport;

namespace S3M.Commands;

/// <summary>Cancels jobs, or sends them a signal; each job that fails is an error and the rest go on.</summary>
[Cmdlet(VerbsLifecycle.Stop, "S3mSlurmJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SlurmJob))]
public sealed class StopS3mSlurmJob : S3mSessionCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceCompleter))]
    public string Resource { get; set; } = "";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, 999_999_999)]
    [ArgumentCompleter(typeof(JobIdCompleter))]
    public int[] JobId { get; set; } = new int[0];

    /// <summary>The signal to send (SIGTERM, SIGKILL, SIGUSR1...); without it Slurm cancels the job.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Signal { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ApiVersionCompleter))]
    public string? ApiVersion { get; set; }

    /// <summary>Writes each job as Slurm reports it after the signal.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private int _current;

    protected override string? OutcomeCheck => $"Get-S3mSlurmJob -Resource {Resource} -JobId {_current}";

    protected override void ProcessS3mRecord()
    {
        var slurm = RequireSession().Client.Slurm;
        var signal = Signal == null ? null : SlurmClient.CheckSignal(Signal);
        foreach (var id in JobId)
        {
            _current = id;
            if (!ShouldProcess($"job {id} on {Resource}", signal == null ? "Cancel" : "Send " + signal))
            {
                continue;
            }

            try
            {
                foreach (var warning in Await(token => slurm.CancelAsync(Resource, ApiVersion, id, signal, token)))
                {
                    WriteWarning(warning);
                }

                if (PassThru)
                {
                    WriteObject(ValueOf(Await(token => slurm.GetJobAsync(Resource, ApiVersion, id, token))));
                }
            }
            catch (S3mException e) when (IsItemFailure(e))
            {
                WriteItemError(e, id);
            }
        }
    }
}
