using System;
using System.Collections;
using System.Management.Automation;

namespace S3M.Commands;

/// <summary>
/// Calls any S3M path with the session's token, retries and error mapping, and returns the
/// answer as PowerShell objects: the way to reach what no cmdlet covers yet.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "S3mRestMethod")]
[OutputType(typeof(PSObject))]
public sealed class InvokeS3mRestMethod : S3mSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", IgnoreCase = true)]
    public string Method { get; set; } = "GET";

    /// <summary>A path under the base URI, starting with '/', e.g. /olcf/v1alpha/status.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>A hashtable or object (sent as JSON), or a JSON string.</summary>
    [Parameter]
    public object? Body { get; set; }

    [Parameter]
    public IDictionary? Query { get; set; }

    protected override void ProcessS3mRecord()
    {
        var session = RequireSession();
        var answer = Await(token => session.Client.InvokeAsync(Method, Path, PlainValues.QueryFromPowerShell(Query), PlainValues.FromPowerShell(Body), token));
        WriteObject(PlainValues.ToPowerShell(answer), true);
    }
}
