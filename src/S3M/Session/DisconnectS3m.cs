using System.Management.Automation;

namespace S3M.Commands;

/// <summary>
/// Ends a session and disposes its token: the default one of this runspace, or the one
/// -Session names. A default inherited from the code that started this runspace is only let
/// go of here: it stays connected where it was made.
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "S3m")]
[OutputType(typeof(void))]
public sealed class DisconnectS3m : S3mSessionCmdlet
{
    protected override void ProcessS3mRecord()
    {
        if (Session != null)
        {
            try { SessionStore.Forget(SessionState, Session); }
            finally { Close(Session); }
            return;
        }
        var session = SessionStore.Default(SessionState);
        if (session == null)
        {
            WriteVerbose("No S3M session to disconnect.");
            return;
        }
        if (SessionStore.IsInherited(SessionState))
        {
            SessionStore.ClearDefault(SessionState);
            WriteVerbose($"This runspace no longer uses the session of project {session.Project} that it inherited; it stays connected in the runspace that made it.");
            return;
        }
        try { SessionStore.ClearDefault(SessionState); }
        finally { Close(session); }
    }

    private void Close(Session session)
    {
        session.Disconnect();
        WriteVerbose($"Disconnected from {session.BaseUri} (project {session.Project}); its token is disposed.");
    }
}
