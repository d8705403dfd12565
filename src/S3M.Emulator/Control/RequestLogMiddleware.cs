using S3M.Emulator.Tokens;

namespace S3M.Emulator.Control;

/// <summary>Records every S3M request, faulted ones included; control requests are left out.</summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, RequestLog log, TokenService tokens)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (ControlEndpoints.IsControlPath(context.Request.Path))
        {
            await next(context);
            return;
        }

        var request = context.Request;
        request.EnableBuffering();
        string body;
        using (var reader = new StreamReader(request.Body, leaveOpen: true))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        request.Body.Position = 0;

        var authorization = request.Headers.Authorization;
        // Checked now, before the request runs: a revoke must still log the token it revoked.
        string? tokenId = null;
        if (authorization.Count == 1 && tokens.TryValidate(authorization[0], out var token, out _))
        {
            tokenId = token.Id;
        }

        var entry = new LoggedRequest
        {
            Method = request.Method,
            Path = request.Path.Value ?? "/",
            Query = request.QueryString.HasValue ? request.QueryString.Value![1..] : "",
            UserAgent = request.Headers.UserAgent.Count > 0 ? request.Headers.UserAgent.ToString() : null,
            TokenId = tokenId,
            HasAuthorization = authorization.Count > 0,
            Body = body.Length > 0 ? body : null,
        };
        log.Add(entry);
        log.Started();

        try
        {
            await next(context);
            entry.Status = context.Response.StatusCode;
        }
        catch
        {
            entry.Status = StatusCodes.Status500InternalServerError;
            throw;
        }
        finally
        {
            log.Finished();
        }
    }
}
