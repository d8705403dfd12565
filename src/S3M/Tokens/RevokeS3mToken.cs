using System.Management.Automation;

namespace S3M.Commands;

/// <summary>Revokes the session's token for good. The session is then marked revoked and stops being the default.</summary>
[Cmdlet(VerbsSecurity.Revoke, "S3mToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RevokeS3mToken : S3mSessionCmdlet
{
    /// <summary>Revokes without asking for confirmation (-WhatIf still sends nothing).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override string? OutcomeCheck => "Get-S3mToken (S3M.Unauthorized there means it is revoked)";

    protected override void ProcessS3mRecord()
    {
        var session = RequireSession();
        var target = $"token {session.TokenId ?? "(unknown ID)"} of project {session.Project ?? "(not introspected)"} at {session.BaseUri}";
        if (!ShouldProcessUnlessForced(Force, target, "Revoke (irreversible)"))
        {
            return;
        }

        Await(token => session.Client.Tokens.RevokeAsync(token));
        SessionStore.Forget(SessionState, session);
        WriteVerbose($"Revoked {target}; the session can no longer be used.");
    }
}
