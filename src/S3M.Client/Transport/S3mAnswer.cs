using System.Text.Json;

namespace S3M.Transport;

/// <summary>What the transport got for a request: the answer, and whether a retry found the work already done.</summary>
internal sealed class S3mAnswer
{
    public S3mAnswer(int status, JsonElement body, string? doneEarlier)
    {
        Status = status;
        Body = body;
        DoneEarlier = doneEarlier;
    }

    /// <summary>The HTTP status of the answer.</summary>
    public int Status { get; }

    /// <summary>The answer's JSON (an empty object for an empty body); when <see cref="DoneEarlier"/> is set, whatever the retry met.</summary>
    public JsonElement Body { get; }

    /// <summary>
    /// How an earlier attempt lost its answer, when the answer to a retry showed that attempt did
    /// the work (<see cref="S3mRequest.AlreadyDone"/>): the call succeeded, though not by this
    /// answer. Null otherwise.
    /// </summary>
    public string? DoneEarlier { get; }
}
