using System.Management.Automation;
using S3M.Transport;

namespace S3M.Commands
{
    /// <summary>S3M errors as PowerShell error records: stable IDs, a category, the request as target.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(S3mException e, object? target)
        {
            var record = new ErrorRecord(e, e.ErrorId, CategoryOf(e.Kind), target);
            record.ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = AdviceFor(e) };
            return record;
        }

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

        private static string AdviceFor(S3mException e)
        {
            switch (e.Kind)
            {
                case S3mErrorKind.Unauthorized: return "Connect again with a valid token: Connect-S3m -TokenPath <file>.";
                case S3mErrorKind.Forbidden: return "The token lacks the scope this call needs; create a token with that scope on myOLCF.";
                case S3mErrorKind.NotConnected: return "Run Connect-S3m, or pass -Session.";
                case S3mErrorKind.Throttled: return "Wait and try again; raise -MaximumRetryCount on Connect-S3m to retry longer.";
                case S3mErrorKind.Unavailable: return "S3M or the resource is unavailable; check Get-S3mStatus and Get-S3mDowntime, then try again.";
                case S3mErrorKind.Timeout: return "Try again, or connect with a larger -Timeout.";
                case S3mErrorKind.OutcomeUnknown: return "Do not simply run the command again: first check whether it took effect, as the message says.";
                case S3mErrorKind.InvalidArgument: return e.ParameterName != null ? $"Correct -{e.ParameterName} and run the command again." : "Correct the request and try again.";
                default: return "";
            }
        }
    }
}
