using System;

namespace S3M.Transport;

/// <summary>
/// One S3M failure: a stable kind, the request it belongs to and what the server said.
/// Messages are built from the method, path, status and server text only, so they can never
/// carry a token.
/// </summary>
public sealed class S3mException : Exception
{
    public S3mException(S3mErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    public S3mErrorKind Kind { get; }

    /// <summary>Stable error ID, e.g. <c>S3M.NotFound</c>.</summary>
    public string ErrorId => "S3M." + Kind;

    public string? Method { get; internal set; }
    public string? Path { get; internal set; }
    public int? StatusCode { get; internal set; }
    public int? GrpcCode { get; internal set; }

    /// <summary>What the server said, as it said it (its public message when it gave one).</summary>
    public string? ServerMessage { get; internal set; }

    /// <summary>The parameter a bad argument came from, when the client knows it.</summary>
    public string? ParameterName { get; internal set; }

    /// <summary>How long the server asked us to wait, when it answered 429/503 with Retry-After.</summary>
    public TimeSpan? RetryAfter { get; internal set; }

    /// <summary>
    /// How the answer was lost when the attempt may have reached S3M (a connection closed after
    /// sending, a timeout, a 502 or 504), so S3M may have done the work; null otherwise.
    /// </summary>
    internal string? LostAnswer { get; set; }

    /// <summary>The error answer's JSON, when it had some: what a retry met, for <see cref="S3mRequest.AlreadyDone"/>.</summary>
    internal System.Text.Json.JsonElement? Answer { get; set; }

    /// <summary>
    /// The tag of a submission whose outcome is unknown (S3M.OutcomeUnknown): the job, if Slurm
    /// took it, carries it in its comment, so the job list can be searched for it.
    /// </summary>
    public string? SubmissionTag { get; internal set; }

    /// <summary>What fixes it, when more than the kind tells: for a host to word with its own commands.</summary>
    public S3mRemedy Remedy { get; internal set; }

    /// <summary>"GET /olcf/v1alpha/status" — the request as a target for error records.</summary>
    public string? Request => Method == null ? null : Method + " " + Path;

    /// <summary>The same failure with one more sentence of what is known.</summary>
    internal S3mException Amended(string sentence) => Copy(Message + " " + sentence, InnerException);

    /// <summary>The same failure of the same request, told in other words (the original is the inner exception).</summary>
    public S3mException Restated(string message) => Copy(message, this);

    private S3mException Copy(string message, Exception? inner) =>
        new S3mException(Kind, message, inner)
        {
            Method = Method,
            Path = Path,
            StatusCode = StatusCode,
            GrpcCode = GrpcCode,
            ServerMessage = ServerMessage,
            ParameterName = ParameterName,
            RetryAfter = RetryAfter,
            LostAnswer = LostAnswer,
            Answer = Answer,
            Remedy = Remedy,
            SubmissionTag = SubmissionTag,
        };

    public static S3mException InvalidArgument(string parameter, string rule) =>
        new S3mException(S3mErrorKind.InvalidArgument, $"{parameter} {rule}") { ParameterName = parameter };

    /// <summary>A bad argument whose message is a sentence of its own rather than "{parameter} {rule}".</summary>
    public static S3mException InvalidArgumentSaying(string parameter, string message) =>
        new S3mException(S3mErrorKind.InvalidArgument, message) { ParameterName = parameter };

    public static S3mException NotConnected(string message) =>
        new S3mException(S3mErrorKind.NotConnected, message);
}
