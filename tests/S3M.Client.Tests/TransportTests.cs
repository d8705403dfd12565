using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using S3M.Transport;

namespace S3M.Client.Tests;

/// <summary>The transport against the emulator: what reaches the server, retries, errors, timeouts.</summary>
[Collection("emulator")]
public class TransportTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private readonly EmulatorFixture _emu;

    public TransportTests(EmulatorFixture emu) { _emu = emu; }

    public Task InitializeAsync() => _emu.Reset();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Status_is_read_without_sending_a_token()
    {
        var (client, _) = _emu.Connect();
        var resources = await client.Status.GetResourcesAsync(default);
        Assert.Contains(resources, r => r.Name == "odo");
        Assert.All(resources, r => Assert.Equal(JsonValueKindObject, r.Raw.ValueKind));
        var request = Assert.Single(await _emu.Requests());
        Assert.Equal("/olcf/v1alpha/status", request.GetProperty("path").GetString());
        Assert.False(request.GetProperty("hasAuthorization").GetBoolean());
        Assert.StartsWith("S3M-PowerShell/", request.GetProperty("userAgent").GetString());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindObject = System.Text.Json.JsonValueKind.Object;

    [Fact]
    public async Task Introspection_sends_the_raw_token_and_reads_the_answer()
    {
        var (client, minted) = _emu.Connect(scopes: new[] { "compute-ace-readonly" });
        var info = await client.Tokens.IntrospectAsync(true, default);
        Assert.Equal("stf042", info.Project);
        Assert.Equal("stf042_auser", info.Username);
        Assert.Equal(new[] { "compute-ace-readonly" }, info.Permissions);
        Assert.Equal(minted.TokenId, info.TokenId);
        Assert.NotNull(info.IssuedAt);
        Assert.NotEmpty(info.CallPermissions);
        var request = Assert.Single(await _emu.Requests());
        Assert.Equal(minted.TokenId, request.GetProperty("tokenId").GetString());
        Assert.Contains("grpcPermissions=true", request.GetProperty("query").GetString());
    }

    [Fact]
    public async Task Unknown_resource_is_not_found_with_the_servers_words()
    {
        var client = _emu.NewClient(null);
        var e = await Assert.ThrowsAsync<S3mException>(() => client.Status.GetResourceAsync("nosuch", default));
        Assert.Equal(S3mErrorKind.NotFound, e.Kind);
        Assert.Equal(404, e.StatusCode);
        Assert.Equal("GET /olcf/v1alpha/status/nosuch", e.Request);
        Assert.False(string.IsNullOrEmpty(e.ServerMessage));
    }

    [Fact]
    public async Task Retries_honour_retry_after_in_seconds_then_succeed()
    {
        await _emu.AddFault(new { path = "/olcf/v1alpha/status/odo", count = 2, status = 429, retryAfter = "1" });
        var client = _emu.NewClient(null, retries: 3);
        var watch = Stopwatch.StartNew();
        var odo = await client.Status.GetResourceAsync("odo", default);
        Assert.Equal("odo", odo.Name);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.9), $"waited only {watch.Elapsed}");
        Assert.Equal(3, (await _emu.Requests()).Length);
    }

    [Fact]
    public async Task Retries_honour_retry_after_as_an_http_date()
    {
        var when = DateTimeOffset.UtcNow.AddSeconds(2).ToString("r");
        await _emu.AddFault(new { path = "/olcf/v1alpha/status", count = 1, status = 503, retryAfter = when });
        var watch = Stopwatch.StartNew();
        await _emu.NewClient(null).Status.GetResourcesAsync(default);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"waited only {watch.Elapsed}");
        Assert.Equal(2, (await _emu.Requests()).Length);
    }

    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Gateway_failures_are_retried_up_to_the_limit(int status)
    {
        await _emu.AddFault(new { path = "/olcf/v1alpha/status", count = 10, status });
        var e = await Assert.ThrowsAsync<S3mException>(() => _emu.NewClient(null, retries: 2).Status.GetResourcesAsync(default));
        Assert.Equal(status, e.StatusCode);
        Assert.Equal(3, (await _emu.Requests()).Length);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(500)]
    public async Task Other_failures_are_not_retried(int status)
    {
        await _emu.AddFault(new { path = "/olcf/v1alpha/status", count = 10, status });
        var e = await Assert.ThrowsAsync<S3mException>(() => _emu.NewClient(null, retries: 3).Status.GetResourcesAsync(default));
        Assert.Equal(status, e.StatusCode);
        Assert.Single(await _emu.Requests());
    }

    [Fact]
    public async Task A_long_retry_after_fails_at_once_with_the_advice()
    {
        await _emu.AddFault(new { path = "/olcf/v1alpha/status", count = 1, status = 429, retryAfter = "3600" });
        var watch = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<S3mException>(() => _emu.NewClient(null).Status.GetResourcesAsync(default));
        Assert.Equal(S3mErrorKind.Throttled, e.Kind);
        Assert.Equal(TimeSpan.FromHours(1), e.RetryAfter);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Non_retriable_requests_are_sent_once()
    {
        var (client, _) = _emu.Connect();
        await _emu.AddFault(new { path = "/olcf/v1alpha/status", count = 5, status = 503 });
        var request = new S3mRequest("POST", S3mRoutes.Status) { Body = "{}" };
        await Assert.ThrowsAsync<S3mException>(() => client.Transport.SendAsync(request, default));
        Assert.Single(await _emu.Requests());
    }

    [Fact]
    public async Task Latency_past_the_timeout_is_a_timeout_error()
    {
        await _emu.AddFault(new { path = "/olcf/v1alpha/status", count = 1, latencyMs = 3000 });
        var client = _emu.NewClient(null, retries: 0, timeout: TimeSpan.FromMilliseconds(300));
        var e = await Assert.ThrowsAsync<S3mException>(() => client.Status.GetResourcesAsync(default));
        Assert.Equal(S3mErrorKind.Timeout, e.Kind);
        Assert.Contains("GET /olcf/v1alpha/status", e.Message);
    }

    [Fact]
    public async Task Cancellation_ends_a_slow_call_promptly()
    {
        await _emu.AddFault(new { path = "/olcf/v1alpha/status", count = 1, latencyMs = 5000 });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _emu.NewClient(null).Status.GetResourcesAsync(cts.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Html_and_empty_error_bodies_map_cleanly()
    {
        await _emu.AddFault(new { path = "/olcf/v1alpha/status", count = 1, status = 500, body = "<html><title>Oops</title></html>", contentType = "text/html" });
        var e = await Assert.ThrowsAsync<S3mException>(() => _emu.NewClient(null, retries: 0).Status.GetResourcesAsync(default));
        Assert.Equal("Oops", e.ServerMessage);
        await _emu.AddFault(new { path = "/olcf/v1alpha/status", count = 1, status = 200, body = "<html>ok?</html>", contentType = "text/html" });
        var bad = await Assert.ThrowsAsync<S3mException>(() => _emu.NewClient(null, retries: 0).Status.GetResourcesAsync(default));
        Assert.Equal(S3mErrorKind.InvalidResponse, bad.Kind);
        Assert.Contains("HTML", bad.Message);
    }

    [Fact]
    public async Task Wrong_expired_and_revoked_tokens_are_unauthorized()
    {
        var wrong = _emu.NewClient(EmulatorFixture.Secure("abc.def.ghi"));
        Assert.Equal(S3mErrorKind.Unauthorized, (await Assert.ThrowsAsync<S3mException>(() => wrong.Tokens.IntrospectAsync(false, default))).Kind);

        var (expiring, _) = _emu.Connect(lifetime: TimeSpan.FromMinutes(5));
        await _emu.AdvanceClock(TimeSpan.FromMinutes(10));
        Assert.Equal(S3mErrorKind.Unauthorized, (await Assert.ThrowsAsync<S3mException>(() => expiring.Tokens.IntrospectAsync(false, default))).Kind);
        await _emu.Reset();

        var (client, _) = _emu.Connect();
        await client.Tokens.RevokeAsync(default);
        Assert.True(client.Transport.IsRevoked);
        var afterwards = await Assert.ThrowsAsync<S3mException>(() => client.Tokens.IntrospectAsync(false, default));
        Assert.Equal(S3mErrorKind.Unauthorized, afterwards.Kind);
        Assert.Contains("revoked", afterwards.Message);
        Assert.Single(await _emu.Requests(), r => r.GetProperty("path").GetString() == S3mRoutes.TokenRevoke);
    }

    [Fact]
    public async Task Connection_failures_are_retried_then_reported_as_transport_errors()
    {
        await _emu.AddFault(new { path = "/olcf/v1alpha/status", count = 10, mode = "reset" });
        var e = await Assert.ThrowsAsync<S3mException>(() => _emu.NewClient(null, retries: 2).Status.GetResourcesAsync(default));
        Assert.Equal(S3mErrorKind.Transport, e.Kind);
        Assert.Equal("GET /olcf/v1alpha/status", e.Request);
        // One attempt and two retries, each of which reached the emulator.
        Assert.Equal(3, (await _emu.Requests()).Length);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_then_reported_as_a_transport_error()
    {
        var port = FreePort();
        var client = _emu.NewClient(null, retries: 2, baseUri: new Uri($"http://127.0.0.1:{port}"));
        var verbose = new List<string>();
        S3mException e;
        using (S3mTrace.Begin(verbose.Add))
        {
            e = await Assert.ThrowsAsync<S3mException>(() => client.Status.GetResourcesAsync(default));
        }

        Assert.Equal(S3mErrorKind.Transport, e.Kind);
        Assert.Equal("GET /olcf/v1alpha/status", e.Request);
        // Nothing listens, so no log can count the attempts: the client's own trace does.
        Assert.Equal(new[] { "retry 1 of 2", "retry 2 of 2" }, verbose.Select(v => System.Text.RegularExpressions.Regex.Match(v, "retry \\d of \\d").Value));
    }

    [Fact]
    public async Task Authenticated_calls_without_a_token_fail_before_sending()
    {
        var e = await Assert.ThrowsAsync<S3mException>(() => _emu.NewClient(null).Tokens.IntrospectAsync(false, default));
        Assert.Equal(S3mErrorKind.NotConnected, e.Kind);
        Assert.Empty(await _emu.Requests());
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
