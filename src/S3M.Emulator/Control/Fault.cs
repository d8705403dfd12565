namespace S3M.Emulator.Control;

/// <summary>What a fault does to a matching request (<c>mode</c> on the wire).</summary>
internal enum FaultMode
{
    /// <summary>Answer with a status and a text body (or only delay, then serve normally).</summary>
    Status,

    /// <summary>Abort the connection before any answer.</summary>
    Reset,

    /// <summary>Send the status, a Content-Length larger than what follows, part of the body, then abort.</summary>
    Truncate,

    /// <summary>Let the real handler run (a POST really happens), then abort instead of answering.</summary>
    ResetAfter,

    /// <summary>Answer with a status and a raw body given in base64.</summary>
    Bytes,

    /// <summary>The real answer, its JSON object padded with a <c>padding</c> string to a size.</summary>
    Large,

    /// <summary>A 3xx answer with a Location.</summary>
    Redirect,

    /// <summary>Let the real handler run, then answer a status (a gateway whose upstream acted, then timed out).</summary>
    StatusAfter,

    /// <summary>A gzip body that inflates to a size, compressed as it is sent, never held in memory.</summary>
    GzipBomb,

    /// <summary>A 200 whose body never ends.</summary>
    Endless,
}

/// <summary>
/// A misbehaviour armed for the next <c>count</c> matching requests: answer with a status
/// (perhaps after a delay), or only delay and then serve normally; or one of the other
/// <see cref="FaultMode"/>s.
/// </summary>
internal sealed class Fault
{
    public required string Id { get; init; }

    public FaultMode Mode { get; init; } = FaultMode.Status;

    /// <summary>The request path, or a prefix when it ends in "*".</summary>
    public required string Path { get; init; }

    /// <summary>The HTTP method to match; null matches any.</summary>
    public string? Method { get; init; }

    /// <summary>The status to answer with; null when the fault only delays.</summary>
    public int? Status { get; init; }

    public string? RetryAfter { get; init; }

    /// <summary>The answer's body; null: the gateway's error JSON for <see cref="Status"/>.</summary>
    public string? Body { get; init; }

    public required string ContentType { get; init; }

    public int LatencyMs { get; init; }

    /// <summary>The raw body of <see cref="FaultMode.Bytes"/>, and the whole body <see cref="FaultMode.Truncate"/> announces.</summary>
    public byte[] BodyBytes { get; init; } = [];

    /// <summary>How many bytes of <see cref="BodyBytes"/> <see cref="FaultMode.Truncate"/> sends before aborting.</summary>
    public int SendBytes { get; init; }

    /// <summary>The size <see cref="FaultMode.Large"/> pads its answer to, and <see cref="FaultMode.GzipBomb"/> inflates to.</summary>
    public long SizeBytes { get; init; }

    /// <summary>The Location of <see cref="FaultMode.Redirect"/>.</summary>
    public string? Location { get; init; }

    /// <summary>Matching requests still to be answered; changed only under the registry's lock.</summary>
    public int Remaining { get; set; }

    public bool Matches(string method, string path) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (Path.EndsWith('*') ? path.StartsWith(Path[..^1], StringComparison.Ordinal) : path == Path);
}

/// <summary>The armed faults. Taking one is atomic, so N concurrent requests use up exactly N answers.</summary>
internal sealed class FaultRegistry
{
    private readonly object gate = new();
    private readonly List<Fault> faults = [];

    public void Add(Fault fault)
    {
        lock (gate)
        {
            faults.Add(fault);
        }
    }

    /// <summary>The first armed fault that matches, with one of its uses spent; null when none does.</summary>
    public Fault? Take(string method, string path)
    {
        lock (gate)
        {
            var fault = faults.Find(f => f.Matches(method, path));
            if (fault is not null && --fault.Remaining == 0)
            {
                faults.Remove(fault);
            }

            return fault;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            faults.Clear();
        }
    }
}
