using S3M.Emulator.Slurm;

namespace S3M.Emulator.Control;

/// <summary>Bounds on the times a test may ask for, far enough for any test and short of DateTimeOffset's end.</summary>
internal static class ControlLimits
{
    public const long MaxSeconds = 100L * 366 * 24 * 3600;
}

/// <summary>Body of <c>POST /_emulator/tokens</c>.</summary>
internal sealed record MintRequest : IControlRequest
{
    public string Project { get; init; } = "";

    public IReadOnlyList<string> Scopes { get; init; } = [];

    public string Enclave { get; init; } = "open";

    /// <summary>Zero or less mints a token that is already expired.</summary>
    public long ExpiresInSeconds { get; init; } = 3600;

    public string Description { get; init; } = "";

    /// <summary>Lets a test see the 64-bit <c>extensions</c> count introspect reports.</summary>
    public long Extensions { get; init; }

    public string? Problem() =>
        string.IsNullOrWhiteSpace(Project) ? "project is required" :
        Math.Abs(ExpiresInSeconds) > ControlLimits.MaxSeconds ? "expiresInSeconds is out of range" :
        Extensions < 0 ? "extensions must not be negative" :
        null;
}

/// <summary>Body of <c>POST /_emulator/faults</c>.</summary>
internal sealed record FaultRequest : IControlRequest
{
    /// <summary>The only mode so far; the field is there so later modes (connection reset, truncated body) fit.</summary>
    public const string StatusMode = "status";

    public string Path { get; init; } = "";

    public string? Method { get; init; }

    public int Count { get; init; } = 1;

    public int? Status { get; init; }

    public string? RetryAfter { get; init; }

    public string? Body { get; init; }

    public string ContentType { get; init; } = "application/json";

    public int LatencyMs { get; init; }

    public string Mode { get; init; } = StatusMode;

    public string? Problem() =>
        Mode != StatusMode ? $"unknown fault mode \"{Mode}\"; known modes: {StatusMode}" :
        !Path.StartsWith('/') ? "path must start with \"/\"" :
        Count < 1 ? "count must be 1 or more" :
        Status is < 100 or > 599 ? "status must be an HTTP status, 100 to 599" :
        LatencyMs < 0 ? "latencyMs must not be negative" :
        Status is null && LatencyMs == 0 ? "a fault needs a status, a latencyMs, or both" :
        null;

    public Fault ToFault() => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Path = Path,
        Method = Method,
        Status = Status,
        RetryAfter = RetryAfter,
        Body = Body,
        ContentType = ContentType,
        LatencyMs = LatencyMs,
        Remaining = Count,
    };
}

/// <summary>Body of <c>POST /_emulator/clock</c>.</summary>
internal sealed record ClockRequest : IControlRequest
{
    public long AdvanceSeconds { get; init; }

    public string? Problem() =>
        AdvanceSeconds is < 0 or > ControlLimits.MaxSeconds
            ? "advanceSeconds must be 0 or more (the clock only moves forward), and under a hundred years"
            : null;
}

/// <summary>Body of <c>POST /_emulator/scheduler</c>: the fields given replace the current ones, for jobs submitted after.</summary>
internal sealed record SchedulerRequest : IControlRequest
{
    public double? PendingSeconds { get; init; }

    public double? DefaultRunSeconds { get; init; }

    public double? KeepFinishedSeconds { get; init; }

    public SchedulerSettings ApplyTo(SchedulerSettings current) => new(
        PendingSeconds ?? current.PendingSeconds,
        DefaultRunSeconds ?? current.DefaultRunSeconds,
        KeepFinishedSeconds ?? current.KeepFinishedSeconds);

    public string? Problem() => ApplyTo(new SchedulerSettings(0, 0, 0)).Problem();
}
