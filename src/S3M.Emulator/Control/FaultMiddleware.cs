using S3M.Emulator.Gateway;

namespace S3M.Emulator.Control;

/// <summary>Answers S3M requests that match an armed fault before they reach the S3M routes.</summary>
internal sealed class FaultMiddleware(RequestDelegate next, FaultRegistry faults)
{
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

        if (fault.LatencyMs > 0)
        {
            await Task.Delay(fault.LatencyMs, context.RequestAborted);
        }

        if (fault.Status is not { } status)
        {
            await next(context);
            return;
        }

        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = fault.ContentType;
        if (fault.RetryAfter is not null)
        {
            response.Headers.RetryAfter = fault.RetryAfter;
        }

        await response.WriteAsync(fault.Body ?? GatewayError.JsonForStatus(status, $"emulated fault: HTTP {status}"), context.RequestAborted);
    }
}
