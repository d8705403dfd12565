using System.Management.Automation;

namespace S3M.Commands
{
    /// <summary>Forgets a session (the default one unless -Session names another).</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "S3m")]
    [OutputType(typeof(void))]
    public sealed class DisconnectS3m : S3mSessionCmdlet
    {
        protected override void ProcessS3mRecord()
        {
            var session = SessionOrDefault;
            if (session == null)
            {
                WriteVerbose("No S3M session to disconnect.");
                return;
            }
            SessionStore.Forget(session);
            session.Disconnect();
            WriteVerbose($"Disconnected from {session.BaseUri} (project {session.Project}).");
        }
    }
}
