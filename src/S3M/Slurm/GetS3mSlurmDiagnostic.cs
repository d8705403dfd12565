using System.Management.Automation;

namespace S3M.Commands;

/// <summary>The Slurm controller's statistics for a resource.</summary>
[Cmdlet(VerbsCommon.Get, "S3mSlurmDiagnostic")]
[OutputType(typeof(SlurmDiagnostic))]
public sealed class GetS3mSlurmDiagnostic : S3mSessionCmdlet
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
        WriteObject(ValueOf(Await(token => slurm.GetDiagnosticsAsync(Resource, ApiVersion, token))));
    }
}
