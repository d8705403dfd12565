using System.Linq;
using System.Management.Automation;
using S3M.Transport;

namespace S3M.Commands;

/// <summary>Whether each resource's Slurm answers through S3M: $true/$false, or with -Detailed an S3M.SlurmPing.</summary>
[Cmdlet(VerbsDiagnostic.Test, "S3mSlurm")]
[OutputType(typeof(bool), typeof(SlurmPing))]
public sealed class TestS3mSlurm : S3mSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceCompleter))]
    public string[] Resource { get; set; } = new string[0];

    [Parameter]
    public SwitchParameter Detailed { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ApiVersionCompleter))]
    public string? ApiVersion { get; set; }

    protected override void ProcessS3mRecord()
    {
        var slurm = RequireSession().Client.Slurm;
        foreach (var resource in Resource)
        {
            try
            {
                var pings = ValueOf(Await(token => slurm.PingAsync(resource, ApiVersion, token)));
                if (Detailed)
                {
                    WriteObject(pings, true);
                }
                else
                {
                    WriteObject(pings.Any(p => p.Responding));
                }
            }
            catch (S3mException e) when (IsItemFailure(e))
            {
                if (Detailed)
                {
                    WriteItemError(e, resource);
                }
                else
                {
                    // A test answers the question: the reason is there for -Verbose.
                    WriteVerbose($"{resource}: {e.Message}");
                    WriteObject(false);
                }
            }
        }
    }
}
