using System.Text;
using S3M.Emulator.Gateway;

namespace S3M.Emulator.Control;

/// <summary>Answers S3M requests that match an armed fault before they reach the S3M routes.</summary>
internal sealed class FaultMiddleware(RequestDelegate next, FaultRegistry faults)
{
    private const int PaddingChunk = 64 * 1024;

    /// <summary>
    /// How long <c>truncate</c> lets the bytes it flushed reach the socket before aborting: an abort
    /// drops what the transport has not sent yet, and then the client would see a reset instead.
    /// </summary>
    private static readonly TimeSpan DrainBeforeAbort = TimeSpan.FromMilliseconds(100);

    public async Task InvokeAsync(HttpContext context)
    {
        var fault = ControlEndpoints.IsControlPath(context.Request.Path)
            ? null
            : faults.Take(context.Request.Method, context.Request.Path.Value ?? "/");
        if (fault is null)
        {
            await next(context);
            return;
        }

        try
        {
            // The modes that let the handler run wait after it, so a slow answer follows work really done.
            if (fault.LatencyMs > 0 && fault.Mode is not (FaultMode.ResetAfter or FaultMode.StatusAfter))
            {
                await Task.Delay(fault.LatencyMs, context.RequestAborted);
            }

            await (fault.Mode switch
            {
                FaultMode.Reset => ResetAsync(context),
                FaultMode.Truncate => TruncateAsync(context, fault),
                FaultMode.ResetAfter => ResetAfterAsync(context, fault),
                FaultMode.StatusAfter => StatusAfterAsync(context, fault),
                FaultMode.Bytes => WriteAsync(context, fault, fault.BodyBytes),
                FaultMode.Large => LargeAsync(context, fault),
                FaultMode.Redirect => RedirectAsync(context, fault),
                FaultMode.GzipBomb => GzipBombAsync(context, fault),
                FaultMode.Endless => EndlessAsync(context),
                _ => StatusAsync(context, fault),
            });
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (its timeout, or a fault that aborted): nothing left to answer.
        }
        catch (IOException) when (fault.Mode is FaultMode.GzipBomb or FaultMode.Endless)
        {
            // The client stopped reading a body that was never going to end well: that is the point.
        }
    }

    private async Task StatusAsync(HttpContext context, Fault fault)
    {
        if (fault.Status is not { } status)
        {
            await next(context);
            return;
        }

        var body = fault.Body ?? GatewayError.JsonForStatus(status, $"emulated fault: HTTP {status}");
        await WriteAsync(context, fault, Encoding.UTF8.GetBytes(body));
    }

    private static async Task WriteAsync(HttpContext context, Fault fault, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = fault.Status ?? StatusCodes.Status200OK;
        response.ContentType = fault.ContentType;
        if (fault.RetryAfter is not null)
        {
            response.Headers.RetryAfter = fault.RetryAfter;
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>No answer at all: the client sees the connection close before a status line.</summary>
    private static Task ResetAsync(HttpContext context)
    {
        context.Abort();
        return Task.CompletedTask;
    }

    /// <summary>A status, headers announcing the whole body, part of it, then the connection closes.</summary>
    private static async Task TruncateAsync(HttpContext context, Fault fault)
    {
        var response = context.Response;
        response.StatusCode = fault.Status ?? StatusCodes.Status200OK;
        response.ContentType = fault.ContentType;
        response.ContentLength = fault.BodyBytes.Length;
        await response.StartAsync(context.RequestAborted);
        await response.Body.WriteAsync(fault.BodyBytes.AsMemory(0, fault.SendBytes), context.RequestAborted);
        await response.Body.FlushAsync(context.RequestAborted);
        await Task.Delay(DrainBeforeAbort, context.RequestAborted);
        context.Abort();
    }

    /// <summary>
    /// The real handler runs, so a POST really submits or provisions, but its answer goes nowhere and
    /// the connection closes: the client cannot tell whether the call happened. The request log keeps
    /// the status the handler meant to send.
    /// </summary>
    private async Task ResetAfterAsync(HttpContext context, Fault fault)
    {
        context.Response.Body = Stream.Null;
        await next(context);
        await Task.Delay(fault.LatencyMs, context.RequestAborted);
        context.Abort();
    }

    /// <summary>
    /// The real handler runs, so a POST really happens, but the client gets the fault's status (a
    /// 502 or 504, as from a gateway whose upstream acted and then timed out), after latencyMs.
    /// </summary>
    private async Task StatusAfterAsync(HttpContext context, Fault fault)
    {
        var response = context.Response;
        var original = response.Body;
        response.Body = Stream.Null;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
        }

        await Task.Delay(fault.LatencyMs, context.RequestAborted);
        response.Clear();
        var status = fault.Status!.Value;
        await WriteAsync(context, fault, Encoding.UTF8.GetBytes(fault.Body ?? GatewayError.JsonForStatus(status, $"emulated fault: HTTP {status} after the handler ran")));
    }

    /// <summary>
    /// A 200 whose gzip body inflates to <see cref="Fault.SizeBytes"/> bytes of a JSON object, compressed
    /// chunk by chunk as it is sent (no Content-Length): what a client that trusts sizes would choke on.
    /// </summary>
    private static async Task GzipBombAsync(HttpContext context, Fault fault)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.Headers.ContentEncoding = "gzip";
        var ct = context.RequestAborted;
        var head = "{\"padding\":\""u8.ToArray();
        var tail = "\"}"u8.ToArray();
        await using var gzip = new System.IO.Compression.GZipStream(response.Body, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true);
        await gzip.WriteAsync(head, ct);
        var chunk = new byte[PaddingChunk];
        Array.Fill(chunk, (byte)'x');
        for (var left = Math.Max(0, fault.SizeBytes - head.Length - tail.Length); left > 0; left -= chunk.Length)
        {
            await gzip.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, left)), ct);
        }

        await gzip.WriteAsync(tail, ct);
    }

    /// <summary>A 200 that starts a JSON object and never finishes it: only the client can end it.</summary>
    private static async Task EndlessAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        var ct = context.RequestAborted;
        await response.Body.WriteAsync("{\"padding\":\""u8.ToArray(), ct);
        var chunk = new byte[PaddingChunk];
        Array.Fill(chunk, (byte)'x');
        while (true)
        {
            await response.Body.WriteAsync(chunk, ct);
        }
    }

    /// <summary>The real answer, its JSON object padded with a "padding" string to <see cref="Fault.SizeBytes"/>, written in chunks.</summary>
    private async Task LargeAsync(HttpContext context, Fault fault)
    {
        var response = context.Response;
        var original = response.Body;
        byte[] answer;
        using (var buffer = new MemoryStream())
        {
            response.Body = buffer;
            try
            {
                await next(context);
            }
            finally
            {
                response.Body = original;
            }

            answer = buffer.ToArray();
        }

        var text = Encoding.UTF8.GetString(answer).TrimEnd();
        var opening = text.TrimStart();
        string head;
        if (opening.StartsWith('{') && text.EndsWith('}'))
        {
            var inside = text[..^1];
            head = inside + (opening[1..^1].Trim().Length == 0 ? "" : ",");
        }
        else
        {
            // Not an object (an empty answer, say): the padding alone makes a valid one.
            head = "{";
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json";
        }

        var headBytes = Encoding.UTF8.GetBytes(head + "\"padding\":\"");
        var tailBytes = "\"}"u8.ToArray();
        var padding = Math.Max(0, fault.SizeBytes - headBytes.Length - tailBytes.Length);
        response.ContentLength = headBytes.Length + padding + tailBytes.Length;
        response.ContentType ??= "application/json";

        var ct = context.RequestAborted;
        await response.Body.WriteAsync(headBytes, ct);
        var chunk = new byte[(int)Math.Min(PaddingChunk, Math.Max(1, padding))];
        Array.Fill(chunk, (byte)'x');
        for (var left = padding; left > 0; left -= chunk.Length)
        {
            await response.Body.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, left)), ct);
        }

        await response.Body.WriteAsync(tailBytes, ct);
    }

    private static Task RedirectAsync(HttpContext context, Fault fault)
    {
        var response = context.Response;
        response.StatusCode = fault.Status!.Value;
        response.Headers.Location = fault.Location;
        response.ContentLength = 0;
        return Task.CompletedTask;
    }
}
