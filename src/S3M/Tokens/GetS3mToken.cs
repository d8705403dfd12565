using System.Management.Automation;

namespace S3M.Commands;

/// <summary>What S3M says about the session's token: project, scopes, expiry, and with -IncludeCallPermissions each call it may make.</summary>
[Cmdlet(VerbsCommon.Get, "S3mToken")]
[OutputType(typeof(TokenInfo))]
public sealed class GetS3mToken : S3mSessionCmdlet
{
    [Parameter]
    public SwitchParameter IncludeCallPermissions { get; set; }

    protected override void ProcessS3mRecord()
    {
        var session = RequireSession();
        WriteObject(Await(token => session.Client.Tokens.IntrospectAsync(IncludeCallPermissions, token)));
    }
}
