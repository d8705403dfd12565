namespace S3M.Emulator.Tests.Support;

/// <summary>Adds the emulator's control key to <c>/_emulator/</c> requests, and to nothing else, as a careful script would.</summary>
public sealed class ControlKeyHandler(string key) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri?.AbsolutePath.StartsWith("/_emulator/", StringComparison.Ordinal) == true)
        {
            request.Headers.Add(RunningEmulator.ControlKeyHeader, key);
        }

        return base.SendAsync(request, cancellationToken);
    }
}

public static class EmulatorClients
{
    /// <summary>An HttpClient for <paramref name="emulator"/> whose control calls carry its key.</summary>
    public static HttpClient NewHttpClient(this RunningEmulator emulator) =>
        new(new ControlKeyHandler(emulator.ControlKey)) { BaseAddress = emulator.BaseUri };
}
