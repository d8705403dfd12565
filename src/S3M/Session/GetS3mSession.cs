using System.Management.Automation;

namespace S3M.Commands;

/// <summary>The default session, if there is one. Shows what the token is for, never the token.</summary>
[Cmdlet(VerbsCommon.Get, "S3mSession")]
[OutputType(typeof(Session))]
public sealed class GetS3mSession : S3mSessionCmdlet
{
    protected override void ProcessS3mRecord()
    {
        var session = SessionOrDefault;
        if (session != null)
        {
            WriteObject(session);
        }
    }
}
