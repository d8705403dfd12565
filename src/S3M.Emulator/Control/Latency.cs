namespace S3M.Emulator.Control;

/// <summary>
/// The delay added to every S3M request (<c>POST /_emulator/latency</c>), as a gateway across the
/// internet has: what a client's concurrency is for, measured on loopback. 0 until set; reset clears it.
/// </summary>
internal sealed class EmulatedLatency
{
    /// <summary>The most a test may ask for: far past any gateway, short of a client's timeout.</summary>
    public const int MaxMilliseconds = 60_000;

    private int milliseconds;

    public int Milliseconds
    {
        get => Volatile.Read(ref milliseconds);
        set => Volatile.Write(ref milliseconds, value);
    }
}

/// <summary>
/// Holds each S3M request for the emulated latency before anything else answers it (faults
/// included); control requests are never held. A client that gives up meanwhile ends it quietly.
/// </summary>
internal sealed class LatencyMiddleware(RequestDelegate next, EmulatedLatency latency)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var delay = latency.Milliseconds;
        if (delay > 0 && !ControlEndpoints.IsControlPath(context.Request.Path))
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
        }

        await next(context);
    }
}
