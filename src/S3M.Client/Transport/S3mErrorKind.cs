namespace S3M.Transport;

/// <summary>The small, stable set of failures every S3M call maps to (error IDs <c>S3M.&lt;Kind&gt;</c>).</summary>
public enum S3mErrorKind
{
    Unauthorized,
    Forbidden,
    NotFound,
    InvalidArgument,
    Conflict,
    Throttled,
    Unavailable,
    Timeout,
    SlurmError,
    NotConnected,
    Transport,
    InvalidResponse,

    /// <summary>The request may have reached S3M, but its answer was lost: whether it took effect is not known.</summary>
    OutcomeUnknown,
}
