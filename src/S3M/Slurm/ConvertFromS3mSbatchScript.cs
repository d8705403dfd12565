using System.Management.Automation;
using S3M.Slurm;

namespace S3M.Commands;

/// <summary>
/// The job a batch script turns into, without sending anything: its #SBATCH lines read as
/// Submit-S3mSlurmJob reads them. With -ApiVersion, the exact submit body for that version is
/// added as a Body property.
/// </summary>
[Cmdlet(VerbsData.ConvertFrom, "S3mSbatchScript")]
[OutputType(typeof(SlurmJobDescription))]
public sealed class ConvertFromS3mSbatchScript : S3mCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Path", ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "ScriptPath")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = "Script", ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public string Script { get; set; } = "";

    [Parameter]
    [ArgumentCompleter(typeof(ApiVersionCompleter))]
    public string? ApiVersion { get; set; }

    /// <summary>Directives S3M does not accept become warnings instead of errors.</summary>
    [Parameter]
    public SwitchParameter IgnoreUnsupportedDirective { get; set; }

    protected override void ProcessS3mRecord()
    {
        var description = ScriptSource.Read(this, ParameterSetName == "Path" ? Path : null, Script, IgnoreUnsupportedDirective);
        var result = new PSObject(description);
        if (ApiVersion != null)
        {
            // The body Submit-S3mSlurmJob's plan holds for that version, by the same rule.
            var version = SlurmApiVersions.Check(ApiVersion, "ApiVersion");
            result.Properties.Add(new PSNoteProperty("ApiVersion", version));
            result.Properties.Add(new PSNoteProperty("Body", description.ToSubmitJson(version)));
        }
        WriteObject(result);
    }
}
