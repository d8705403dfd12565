using S3M.Emulator.Config;
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
    /// <summary>The default mode: a status and a text body, or only a delay.</summary>
    public const string StatusMode = "status";

    /// <summary>The largest answer <c>large</c> makes: far past any test, short of exhausting a test machine.</summary>
    public const long MaxSizeBytes = 1L << 30;

    /// <summary>The most a <c>gzipBomb</c> inflates to: it is made as it is sent, so only the client's reading bounds it.</summary>
    public const long MaxBombBytes = 16L << 30;

    /// <summary>What <c>truncate</c> announces when no <c>body</c> is given: a valid JSON document, of which half is sent.</summary>
    public const string DefaultTruncatedBody =
        """{"resources":[{"name":"odo","description":"an answer the emulator cuts short","systemType":"compute","status":"OPERATIONAL"},""" +
        """{"name":"defiant","description":"an answer the emulator cuts short","systemType":"compute","status":"OPERATIONAL"}]}""";

    /// <summary>Each mode on the wire, with the fields it takes besides path, method, count, latencyMs and mode.</summary>
    private static readonly (string Name, FaultMode Mode, string[] Fields)[] Modes =
    [
        (StatusMode, FaultMode.Status, ["status", "retryAfter", "body", "contentType"]),
        ("reset", FaultMode.Reset, []),
        ("truncate", FaultMode.Truncate, ["status", "body", "contentType", "sendBytes"]),
        ("resetAfter", FaultMode.ResetAfter, []),
        ("bytes", FaultMode.Bytes, ["status", "retryAfter", "bodyBase64", "contentType"]),
        ("large", FaultMode.Large, ["sizeBytes"]),
        ("redirect", FaultMode.Redirect, ["status", "location"]),
        ("statusAfter", FaultMode.StatusAfter, ["status", "body", "contentType"]),
        ("gzipBomb", FaultMode.GzipBomb, ["sizeBytes"]),
        ("endless", FaultMode.Endless, []),
    ];

    private static readonly int[] RedirectStatuses = [301, 302, 303, 307, 308];

    public string Path { get; init; } = "";

    public string? Method { get; init; }

    public int Count { get; init; } = 1;

    public int? Status { get; init; }

    public string? RetryAfter { get; init; }

    public string? Body { get; init; }

    public string? BodyBase64 { get; init; }

    /// <summary>Null: <c>application/json</c>.</summary>
    public string? ContentType { get; init; }

    public int LatencyMs { get; init; }

    public int? SendBytes { get; init; }

    public long? SizeBytes { get; init; }

    public string? Location { get; init; }

    public string Mode { get; init; } = StatusMode;

    /// <summary>The fields given, by wire name, so a field the mode does not use is refused rather than ignored.</summary>
    private IEnumerable<string> Given()
    {
        if (Status is not null)
        {
            yield return "status";
        }

        if (RetryAfter is not null)
        {
            yield return "retryAfter";
        }

        if (Body is not null)
        {
            yield return "body";
        }

        if (BodyBase64 is not null)
        {
            yield return "bodyBase64";
        }

        if (ContentType is not null)
        {
            yield return "contentType";
        }

        if (SendBytes is not null)
        {
            yield return "sendBytes";
        }

        if (SizeBytes is not null)
        {
            yield return "sizeBytes";
        }

        if (Location is not null)
        {
            yield return "location";
        }
    }

    public string? Problem()
    {
        var known = Array.FindIndex(Modes, m => m.Name == Mode);
        if (known < 0)
        {
            return $"unknown fault mode \"{Mode}\"; known modes: {string.Join(", ", Modes.Select(m => m.Name))}";
        }

        var (_, mode, fields) = Modes[known];
        var stray = Given().FirstOrDefault(field => !fields.Contains(field));
        return stray is not null
            ? $"{stray} does not apply to mode \"{Mode}\"" + (fields.Length == 0
                ? $"; it takes only path, method, count and latencyMs"
                : $"; besides path, method, count and latencyMs it takes {string.Join(", ", fields)}") :
            !Path.StartsWith('/') ? "path must start with \"/\"" :
            Count < 1 ? "count must be 1 or more" :
            Status is < 100 or > 599 ? "status must be an HTTP status, 100 to 599" :
            LatencyMs < 0 ? "latencyMs must not be negative" :
            HasControlCharacter(RetryAfter) ? "retryAfter must be one line of text" :
            HasControlCharacter(ContentType) ? "contentType must be one line of text" :
            ModeProblem(mode);
    }

    private string? ModeProblem(FaultMode mode) => mode switch
    {
        FaultMode.Status => Status is null && LatencyMs == 0 ? "a fault needs a status, a latencyMs, or both" : null,
        FaultMode.Truncate =>
            Body is { Length: 0 } ? "body of mode \"truncate\" must not be empty: it is the answer announced, of which part is sent" :
            SendBytes is { } send && (send < 0 || send >= TruncatedBody().Length)
                ? $"sendBytes must be 0 or more and less than the body's {TruncatedBody().Length} bytes" :
            null,
        FaultMode.Bytes =>
            BodyBase64 is null ? "mode \"bytes\" needs bodyBase64, the body in base64" :
            !TryDecode(BodyBase64, out _) ? "bodyBase64 is not valid base64" :
            null,
        FaultMode.Large =>
            SizeBytes is null ? "mode \"large\" needs sizeBytes, the size of the answer in bytes" :
            SizeBytes is < 1 or > MaxSizeBytes ? $"sizeBytes must be 1 or more and at most {MaxSizeBytes}" :
            null,
        FaultMode.StatusAfter => Status is null ? "mode \"statusAfter\" needs a status, the answer sent once the handler has run" : null,
        FaultMode.GzipBomb =>
            SizeBytes is null ? "mode \"gzipBomb\" needs sizeBytes, the size of the answer once inflated" :
            SizeBytes is < 1 or > MaxBombBytes ? $"sizeBytes of mode \"gzipBomb\" must be 1 or more and at most {MaxBombBytes}" :
            null,
        FaultMode.Redirect =>
            Status is not { } status || !RedirectStatuses.Contains(status)
                ? $"mode \"redirect\" needs a status among {string.Join(", ", RedirectStatuses)}" :
            string.IsNullOrWhiteSpace(Location) || HasControlCharacter(Location) || !Uri.TryCreate(Location, UriKind.RelativeOrAbsolute, out _)
                ? "mode \"redirect\" needs a location, an absolute or relative URL on one line" :
            null,
        _ => null,
    };

    private byte[] TruncatedBody() => System.Text.Encoding.UTF8.GetBytes(Body ?? DefaultTruncatedBody);

    private static bool HasControlCharacter(string? text) => text is not null && text.Any(char.IsControl);

    private static bool TryDecode(string base64, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromBase64String(base64);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }

    public Fault ToFault()
    {
        var mode = Array.Find(Modes, m => m.Name == Mode).Mode;
        var bytes = mode switch
        {
            FaultMode.Bytes => Convert.FromBase64String(BodyBase64!),
            FaultMode.Truncate => TruncatedBody(),
            _ => [],
        };
        return new()
        {
            Id = Guid.NewGuid().ToString("N"),
            Mode = mode,
            Path = Path,
            Method = Method,
            Status = mode is FaultMode.Truncate or FaultMode.Bytes ? Status ?? StatusCodes.Status200OK : Status,
            RetryAfter = RetryAfter,
            Body = Body,
            BodyBytes = bytes,
            SendBytes = SendBytes ?? bytes.Length / 2,
            SizeBytes = SizeBytes ?? 0,
            Location = Location,
            ContentType = ContentType ?? "application/json",
            LatencyMs = LatencyMs,
            Remaining = Count,
        };
    }
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

    public double? CompletingSeconds { get; init; }

    public double? RequeueSeconds { get; init; }

    public SchedulerSettings ApplyTo(SchedulerSettings current) => new(
        PendingSeconds ?? current.PendingSeconds,
        DefaultRunSeconds ?? current.DefaultRunSeconds,
        KeepFinishedSeconds ?? current.KeepFinishedSeconds,
        CompletingSeconds ?? current.CompletingSeconds,
        RequeueSeconds ?? current.RequeueSeconds);

    public string? Problem() => ApplyTo(new SchedulerSettings(0, 0, 0, 0, 0)).Problem();
}

/// <summary>Body of <c>POST /_emulator/slurm</c>: how Slurm's refusals travel (<see cref="SlurmRefusals"/>).</summary>
internal sealed record SlurmRequest : IControlRequest
{
    public string? Refusals { get; init; }

    public string? Problem() =>
        Refusals is null ? "refusals is required: \"status\" (slurmrestd's HTTP status) or \"ok\" (HTTP 200)"
        : SlurmRefusals.Words.Contains(Refusals) ? null
        : $"refusals \"{Refusals}\" is not one of \"status\", \"ok\"";
}

/// <summary>Body of <c>POST /_emulator/latency</c>.</summary>
internal sealed record LatencyRequest : IControlRequest
{
    public int Milliseconds { get; init; }

    public string? Problem() =>
        Milliseconds is < 0 or > EmulatedLatency.MaxMilliseconds ? $"milliseconds must be 0 to {EmulatedLatency.MaxMilliseconds}" : null;
}

/// <summary>
/// Body of <c>POST /_emulator/downtimes</c>: the status page's downtimes from now on. Their times
/// are checked where they are resolved (<see cref="Status.StatusCatalog.Replace"/>), against the clock.
/// </summary>
internal sealed record DowntimesRequest : IControlRequest
{
    public required IReadOnlyList<DowntimeSpec> Downtimes { get; init; }

    public string? Problem() => null;
}
