namespace S3M.Emulator.Control;

/// <summary>One S3M request as it reached the emulator. Never holds the token: only its id, when it was valid.</summary>
internal sealed class LoggedRequest
{
    public required string Method { get; init; }

    public required string Path { get; init; }

    /// <summary>The query string without its "?"; "" when there is none.</summary>
    public required string Query { get; init; }

    public required string? UserAgent { get; init; }

    /// <summary>The <c>jti</c> of the token presented, when it was valid; otherwise null.</summary>
    public required string? TokenId { get; init; }

    public required bool HasAuthorization { get; init; }

    /// <summary>Set when the answer is known; 0 while the request is still in flight.</summary>
    public int Status { get; set; }

    /// <summary>The request body as text; null when empty.</summary>
    public required string? Body { get; init; }
}

/// <summary>The S3M requests received, in arrival order, so tests can assert on what reached the server.</summary>
internal sealed class RequestLog
{
    private readonly object gate = new();
    private readonly List<LoggedRequest> requests = [];
    private int inFlight;
    private int maxInFlight;

    /// <summary>The most S3M requests in flight at once since the log was cleared: how tests see a client's concurrency bound.</summary>
    public int MaxInFlight
    {
        get
        {
            lock (gate)
            {
                return maxInFlight;
            }
        }
    }

    public void Started()
    {
        lock (gate)
        {
            inFlight++;
            maxInFlight = Math.Max(maxInFlight, inFlight);
        }
    }

    public void Finished()
    {
        lock (gate)
        {
            inFlight--;
        }
    }

    public void Add(LoggedRequest request)
    {
        lock (gate)
        {
            requests.Add(request);
        }
    }

    public IReadOnlyList<LoggedRequest> Snapshot()
    {
        lock (gate)
        {
            return [.. requests];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            requests.Clear();
            maxInFlight = inFlight;
        }
    }
}
