using System.Management.Automation;
using S3M.Transport;

namespace S3M.Commands;

/// <summary>
/// S3M errors as PowerShell error records: stable IDs, a category, the request as target, and
/// the one place that says what to do, with this module's commands. The client's message
/// tells what happened in S3M's terms; where the next step is a command (connect again, look
/// for the job), the record's message says it too, since that is what a console shows.
/// </summary>
internal static class ErrorRecords
{
    /// <param name="check">The command that shows whether a change whose outcome is unknown took effect, when the cmdlet knows one.</param>
    public static ErrorRecord From(S3mException e, object? target, string? check = null)
    {
        var record = new ErrorRecord(e, e.ErrorId, CategoryOf(e.Kind), target);
        var advice = AdviceFor(e, check);
        record.ErrorDetails = new ErrorDetails(Shows(e) && advice.Length > 0 ? e.Message + " " + advice : e.Message) { RecommendedAction = advice };
        return record;
    }

    /// <summary>Whether the advice belongs in the message itself: where the next step is a command.</summary>
    private static bool Shows(S3mException e) =>
        e.Remedy != S3mRemedy.None || e.Kind == S3mErrorKind.Unauthorized || e.Kind == S3mErrorKind.NotConnected || e.Kind == S3mErrorKind.OutcomeUnknown;

    public static ErrorCategory CategoryOf(S3mErrorKind kind)
    {
        switch (kind)
        {
            case S3mErrorKind.Unauthorized: return ErrorCategory.AuthenticationError;
            case S3mErrorKind.Forbidden: return ErrorCategory.PermissionDenied;
            case S3mErrorKind.NotFound: return ErrorCategory.ObjectNotFound;
            case S3mErrorKind.InvalidArgument: return ErrorCategory.InvalidArgument;
            case S3mErrorKind.Conflict: return ErrorCategory.ResourceExists;
            case S3mErrorKind.Throttled: return ErrorCategory.LimitsExceeded;
            case S3mErrorKind.Unavailable: return ErrorCategory.ResourceUnavailable;
            case S3mErrorKind.Timeout: return ErrorCategory.OperationTimeout;
            case S3mErrorKind.SlurmError: return ErrorCategory.InvalidOperation;
            case S3mErrorKind.NotConnected: return ErrorCategory.ConnectionError;
            case S3mErrorKind.Transport: return ErrorCategory.ConnectionError;
            case S3mErrorKind.InvalidResponse: return ErrorCategory.InvalidResult;
            // The answer was lost on the way back: a connection-level failure, with an unknown result.
            case S3mErrorKind.OutcomeUnknown: return ErrorCategory.ConnectionError;
            default: return ErrorCategory.NotSpecified;
        }
    }

    /// <summary>What a user does next, for a stopped call that may have taken effect too.</summary>
    public static string AdviceFor(S3mException e, string? check)
    {
        switch (e.Remedy)
        {
            case S3mRemedy.ProtectTokenFile: return "Make the file yours and private (chmod 600), or pass -AllowUnprotectedTokenFile to Connect-S3m to read it anyway.";
            case S3mRemedy.RaiseResponseLimit: return "If so large an answer is expected, connect again with a larger -MaximumResponseSize (Connect-S3m).";
            case S3mRemedy.CheckItStillExists:
                return (check == null ? "Check whether it is still there" : $"Check with {check} whether it is still there")
                    + ", and remove it again if so; if S3M keeps refusing, ask OLCF.";
        }
        switch (e.Kind)
        {
            case S3mErrorKind.Unauthorized: return "Connect again with a valid token: Connect-S3m -TokenPath <file>.";
            case S3mErrorKind.Forbidden: return "The token lacks the scope this call needs; create a token with that scope on myOLCF.";
            case S3mErrorKind.NotConnected: return "Run Connect-S3m, or pass -Session.";
            case S3mErrorKind.Throttled: return "Wait and try again; raise -MaximumRetryCount on Connect-S3m to retry longer.";
            case S3mErrorKind.Unavailable: return "S3M or the resource is unavailable; check Get-S3mStatus and Get-S3mDowntime, then try again.";
            case S3mErrorKind.Timeout: return "Try again, or connect with a larger -Timeout.";
            case S3mErrorKind.OutcomeUnknown: return OutcomeAdvice(check);
            case S3mErrorKind.InvalidArgument: return e.ParameterName != null ? $"Correct -{e.ParameterName} and run the command again." : "Correct the request and try again.";
            default: return "";
        }
    }

    /// <summary>For a change that may have taken effect (an unknown outcome, or Ctrl+C while it was under way).</summary>
    public static string OutcomeAdvice(string? check) =>
        check == null
            ? "Do not simply run the command again: first check whether it took effect."
            : $"Do not simply run the command again: first check with {check}.";
}
