using System.Management.Automation;
using S3M.Transport;

namespace S3M.Commands;

/// <summary>
/// Base of the cmdlets that talk to S3M through a session: <c>-Session</c>, else the default
/// one, so several projects work side by side (Az's -DefaultProfile habit).
/// </summary>
public abstract class S3mSessionCmdlet : S3mCmdlet
{
    /// <summary>The session to use; without it, the default one (Connect-S3m sets it).</summary>
    [Parameter]
    [ValidateNotNull]
    public Session? Session { get; set; }

    /// <summary>-Session, else this runspace's default (see SessionStore); null when neither is there.</summary>
    protected Session? SessionOrDefault => Session ?? SessionStore.Default(SessionState);

    /// <summary>The session this call uses: -Session, else the default, else S3M.NotConnected.</summary>
    protected Session RequireSession()
    {
        var session = SessionOrDefault
            ?? throw S3mException.NotConnected("No S3M session: run Connect-S3m first, or pass -Session.");
        session.CheckUsable();
        return session;
    }
}
