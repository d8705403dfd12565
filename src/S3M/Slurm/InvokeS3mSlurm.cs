using System;
using System.Collections;
using System.Management.Automation;

namespace S3M.Commands;

/// <summary>
/// Calls any Slurm path of a resource through S3M, in the resource's API version. Slurm's
/// errors[] become errors and its warnings[] warnings; the answer comes back as objects.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "S3mSlurm")]
[OutputType(typeof(PSObject))]
public sealed class InvokeS3mSlurm : S3mSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceCompleter))]
    public string Resource { get; set; } = "";

    /// <summary>The path under the resource, such as /partitions or /job/123.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter]
    [ValidateSet("GET", "POST", "DELETE", IgnoreCase = true)]
    public string Method { get; set; } = "GET";

    [Parameter]
    public object? Body { get; set; }

    [Parameter]
    public IDictionary? Query { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ApiVersionCompleter))]
    public string? ApiVersion { get; set; }

    protected override void ProcessS3mRecord()
    {
        var session = RequireSession();
        var answer = Await(token => session.Client.Slurm.InvokeAsync(Resource, ApiVersion, Method, Path,
            PlainValues.QueryFromPowerShell(Query), PlainValues.FromPowerShell(Body), token));
        WriteObject(PlainValues.ToPowerShell(ValueOf(answer)));
    }
}
