using System;
using System.Collections.Generic;
using System.Text.Json;

namespace S3M.Transport;

/// <summary>One call to S3M, as the transport needs it: the path is already built from the route table.</summary>
internal sealed class S3mRequest
{
    public S3mRequest(string method, string path)
    {
        Method = method.ToUpperInvariant();
        Path = path;
    }

    public string Method { get; }

    /// <summary>Path and query, escaped, relative to the session's base URI.</summary>
    public string Path { get; }

    /// <summary>
    /// The path (relative to the base URI, no trailing '/') this request must stay under once
    /// normalised, such as one resource's Slurm paths; null: anywhere under the base URI. The
    /// transport checks the final URI against it before sending and on every redirect.
    /// </summary>
    public string? Scope { get; set; }

    /// <summary>JSON text to send, or null.</summary>
    public string? Body { get; set; }

    /// <summary>False for the calls S3M answers without a token (status).</summary>
    public bool Authenticated { get; set; } = true;

    /// <summary>
    /// Whether a failed attempt may be sent again. True for reads; callers set it for revoke.
    /// A submit or provision must never be re-sent blindly: it could run twice.
    /// </summary>
    public bool Retriable { get; set; }

    /// <summary>
    /// What, answered to a retry after an attempt whose answer was lost, shows that the lost
    /// attempt did the work: given the status and the answer's JSON (an error's too; an empty
    /// object when there was none). A revoke's 401, a delete's 404, a cancel's "already done".
    /// The call then succeeds, and says so (<see cref="S3mAnswer.DoneEarlier"/>). Null: nothing does.
    /// </summary>
    public Func<int, JsonElement, bool>? AlreadyDone { get; set; }

    /// <summary>An <see cref="AlreadyDone"/> that looks only at the status.</summary>
    public static Func<int, JsonElement, bool> DoneWhenAnswered(int status) => (answered, _) => answered == status;

    /// <summary>How a user finds out whether the call took effect when its answer was lost (one sentence or two).</summary>
    public string? OutcomeCheck { get; set; }

    /// <summary>GET and HEAD only read: they change nothing, whatever became of their answer.</summary>
    public bool IsRead => Method == "GET" || Method == "HEAD";

    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>();

    public static S3mRequest Get(string path, bool authenticated = true) =>
        new S3mRequest("GET", path) { Authenticated = authenticated, Retriable = true };

    /// <summary>This request sent to another path, which it must not leave.</summary>
    internal S3mRequest At(string path, string scope)
    {
        var copy = new S3mRequest(Method, path)
        {
            Scope = scope,
            Body = Body,
            Authenticated = Authenticated,
            Retriable = Retriable,
            AlreadyDone = AlreadyDone,
            OutcomeCheck = OutcomeCheck,
        };
        foreach (var header in Headers)
        {
            copy.Headers[header.Key] = header.Value;
        }

        return copy;
    }
}
