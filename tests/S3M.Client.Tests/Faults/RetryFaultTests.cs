using S3M.Transport;
using static S3M.Client.Tests.Faults.FaultKit;

namespace S3M.Client.Tests.Faults;

/// <summary>
/// Faults a read recovers from by retrying (429 with Retry-After, 502/503/504 bursts, a reset
/// connection, a body cut short), and the one clear error when the retries run out or do not apply.
/// </summary>
public class RetryFaultTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private const string Path = S3mRoutes.Status;
    private readonly EmulatorFixture _emu;

    public RetryFaultTests(EmulatorFixture emu) { _emu = emu; }

    public Task InitializeAsync() => _emu.Reset();
    public Task DisposeAsync() => Task.CompletedTask;

    private S3mClient Client(int retries = 4) => _emu.NewClient(null, retries, ClientTimeout);

    [Fact]
    public async Task Throttled_with_retry_after_in_seconds_waits_then_succeeds()
    {
        await _emu.AddFault(new { path = Path, count = 2, status = 429, retryAfter = "1" });

        var (resources, elapsed) = await Timed(() => Client().Status.GetResourcesAsync(default));

        Assert.Contains(resources, r => r.Name == "odo");
        Assert.InRange(elapsed, TimeSpan.FromSeconds(1.8), TimeSpan.FromSeconds(30));
        Assert.Equal(3, await _emu.CountLogged("GET", Path));
    }

    [Fact]
    public async Task Throttled_with_retry_after_as_an_http_date_waits_then_succeeds()
    {
        // An HTTP date has whole seconds: two seconds ahead is a wait of one to two.
        var when = DateTimeOffset.UtcNow.AddSeconds(2).ToString("r");
        await _emu.AddFault(new { path = Path, count = 1, status = 429, retryAfter = when });

        var (resources, elapsed) = await Timed(() => Client().Status.GetResourcesAsync(default));

        Assert.NotEmpty(resources);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(30));
        Assert.Equal(2, await _emu.CountLogged("GET", Path));
    }

    [Fact]
    public async Task Throttled_past_the_retries_is_one_throttled_error_with_the_wait_asked()
    {
        await _emu.AddFault(new { path = Path, count = 10, status = 429, retryAfter = "0" });

        var (e, elapsed) = await Fails(() => Client(retries: 2).Status.GetResourcesAsync(default));

        AssertClear(e, S3mErrorKind.Throttled, "GET", Path, 429);
        Assert.Equal(TimeSpan.Zero, e.RetryAfter);
        Assert.Equal(3, await _emu.CountLogged("GET", Path));
        Assert.True(elapsed < TimeSpan.FromSeconds(30), $"took {elapsed}");
    }

    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task A_burst_of_gateway_failures_is_ridden_out(int status)
    {
        await _emu.AddFault(new { path = Path, count = 3, status });

        var (resources, elapsed) = await Timed(() => Client(retries: 4).Status.GetResourcesAsync(default));

        Assert.NotEmpty(resources);
        Assert.Equal(4, await _emu.CountLogged("GET", Path));
        Assert.True(elapsed < TimeSpan.FromSeconds(30), $"took {elapsed}");
    }

    [Fact]
    public async Task A_mixed_burst_of_502_503_and_504_is_ridden_out()
    {
        await _emu.AddFault(new { path = Path + "/odo", status = 502 });
        await _emu.AddFault(new { path = Path + "/odo", status = 503 });
        await _emu.AddFault(new { path = Path + "/odo", status = 504 });

        var (odo, _) = await Timed(() => Client(retries: 3).Status.GetResourceAsync("odo", default));

        Assert.Equal("odo", odo.Name);
        Assert.Equal(4, await _emu.CountLogged("GET", Path + "/odo"));
    }

    [Theory]
    [InlineData(502, S3mErrorKind.Unavailable)]
    [InlineData(503, S3mErrorKind.Unavailable)]
    [InlineData(504, S3mErrorKind.Timeout)]
    public async Task A_burst_longer_than_the_retries_is_one_error_naming_the_status(int status, S3mErrorKind kind)
    {
        await _emu.AddFault(new { path = Path, count = 10, status });

        var (e, elapsed) = await Fails(() => Client(retries: 2).Status.GetResourcesAsync(default));

        AssertClear(e, kind, "GET", Path, status);
        Assert.StartsWith($"S3M answered {status} ", e.Message);
        Assert.Equal(3, await _emu.CountLogged("GET", Path));
        Assert.True(elapsed < TimeSpan.FromSeconds(30), $"took {elapsed}");
    }

    [Fact]
    public async Task Latency_past_the_timeout_is_one_timeout_error_on_time()
    {
        await _emu.AddFault(new { path = Path, count = 5, latencyMs = 20_000 });
        var client = _emu.NewClient(null, retries: 3, timeout: TimeSpan.FromMilliseconds(500));

        var (e, elapsed) = await Fails(() => client.Status.GetResourcesAsync(default));

        AssertClear(e, S3mErrorKind.Timeout, "GET", Path, null);
        Assert.Contains("0.5 s", e.Message);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(0.4), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Latency_under_the_timeout_is_only_slow()
    {
        await _emu.AddFault(new { path = Path, count = 1, latencyMs = 300 });
        var client = _emu.NewClient(null, retries: 0, timeout: TimeSpan.FromSeconds(5));

        var (resources, elapsed) = await Timed(() => client.Status.GetResourcesAsync(default));

        Assert.NotEmpty(resources);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(0.25), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_connection_reset_before_any_answer_is_retried_for_a_read()
    {
        await _emu.AddFault(new { path = Path, count = 2, mode = "reset" });

        var (resources, _) = await Timed(() => Client(retries: 3).Status.GetResourcesAsync(default));

        Assert.NotEmpty(resources);
        Assert.Equal(3, await _emu.CountLogged("GET", Path));
    }

    [Fact]
    public async Task A_connection_reset_every_time_is_one_transport_error()
    {
        await _emu.AddFault(new { path = Path, count = 10, mode = "reset" });

        var (e, elapsed) = await Fails(() => Client(retries: 2).Status.GetResourcesAsync(default));

        AssertClear(e, S3mErrorKind.Transport, "GET", Path, null);
        Assert.StartsWith($"Could not complete GET {Path}: ", e.Message);
        Assert.Equal(3, await _emu.CountLogged("GET", Path));
        Assert.True(elapsed < TimeSpan.FromSeconds(30), $"took {elapsed}");
    }

    [Fact]
    public async Task A_connection_reset_mid_body_is_retried_for_a_read()
    {
        await _emu.AddFault(new { path = Path, count = 1, mode = "truncate" });

        var (resources, _) = await Timed(() => Client(retries: 2).Status.GetResourcesAsync(default));

        Assert.Contains(resources, r => r.Name == "odo");
        Assert.Equal(2, await _emu.CountLogged("GET", Path));
    }

    [Fact]
    public async Task A_connection_reset_mid_body_every_time_is_one_transport_error_naming_the_status()
    {
        await _emu.AddFault(new { path = Path, count = 10, mode = "truncate" });

        var (e, _) = await Fails(() => Client(retries: 1).Status.GetResourcesAsync(default));

        AssertClear(e, S3mErrorKind.Transport, "GET", Path, 200);
        Assert.Equal(2, await _emu.CountLogged("GET", Path));
    }

    [Fact]
    public async Task A_revoke_whose_connection_resets_is_retried()
    {
        var (client, _) = _emu.Connect(retries: 2, timeout: ClientTimeout);
        await _emu.AddFault(new { path = S3mRoutes.TokenRevoke, method = "DELETE", count = 1, mode = "reset" });

        await Timed(async () => { await client.Tokens.RevokeAsync(default); return true; });

        Assert.True(client.Transport.IsRevoked);
        Assert.Equal(2, await _emu.CountLogged("DELETE", S3mRoutes.TokenRevoke));
    }
}
