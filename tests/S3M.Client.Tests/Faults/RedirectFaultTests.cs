using S3M.Emulator;
using S3M.Transport;
using static S3M.Client.Tests.Faults.FaultKit;

namespace S3M.Client.Tests.Faults;

/// <summary>Redirects answered by the emulator's "redirect" fault: to the same emulator, to a second one, in a loop.</summary>
public class RedirectFaultTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private const string Introspect = S3mRoutes.TokenIntrospect;
    private readonly EmulatorFixture _emu;
    private RunningEmulator? _other;
    private HttpClient? _otherControl;

    public RedirectFaultTests(EmulatorFixture emu) { _emu = emu; }

    public async Task InitializeAsync()
    {
        await _emu.Reset();
        _other = await EmulatorHost.StartAsync(new EmulatorOptions());
        _otherControl = EmulatorFixture.ControlClient(_other, HardLimit);
    }

    public async Task DisposeAsync()
    {
        _otherControl?.Dispose();
        if (_other != null)
        {
            await _other.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_redirect_on_the_same_origin_keeps_the_token()
    {
        var (client, minted) = _emu.Connect(timeout: ClientTimeout);
        await _emu.AddFault(new { path = "/olcf/v1/token/old-introspect", mode = "redirect", status = 308, location = Introspect });
        var request = new S3mRequest("GET", "/olcf/v1/token/old-introspect") { Retriable = true };

        var (answer, _) = await Timed(() => client.Transport.SendAsync(request, default));

        Assert.True(answer.TryGetProperty("token", out _) || answer.EnumerateObject().Any());
        var log = await _emu.Requests();
        Assert.Equal(2, log.Length);
        Assert.All(log, r => Assert.Equal(minted.TokenId, r.GetProperty("tokenId").GetString()));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirect_to_a_second_listener_never_carries_the_token(int status)
    {
        var (client, _) = _emu.Connect(timeout: ClientTimeout);
        await _emu.AddFault(new { path = Introspect, mode = "redirect", status, location = new Uri(_other!.BaseUri, Introspect).ToString() });

        var (e, _) = await Fails(() => client.Tokens.IntrospectAsync(false, default));

        // The second emulator saw no token, so it refused: the error names the request the user made.
        AssertClear(e, S3mErrorKind.Unauthorized, "GET", Introspect, 401);
        var otherLog = await OtherRequests();
        var reached = Assert.Single(otherLog);
        Assert.Equal(Introspect, reached.GetProperty("path").GetString());
        Assert.False(reached.GetProperty("hasAuthorization").GetBoolean());
    }

    [Fact]
    public async Task A_redirect_loop_ends_in_one_error_naming_the_status()
    {
        await _emu.AddFault(new { path = S3mRoutes.Status, mode = "redirect", status = 307, location = S3mRoutes.Status, count = 100 });
        var client = _emu.NewClient(null, retries: 3, timeout: ClientTimeout);

        var (e, elapsed) = await Fails(() => client.Status.GetResourcesAsync(default));

        AssertClear(e, S3mErrorKind.InvalidResponse, "GET", S3mRoutes.Status, 307);
        Assert.Contains("redirected 5 times in a row", e.Message);
        Assert.Equal(6, (await _emu.Requests()).Length);
        Assert.True(elapsed < TimeSpan.FromSeconds(30), $"took {elapsed}");
    }

    [Fact]
    public async Task A_redirect_without_a_location_is_an_invalid_response()
    {
        await _emu.AddFault(new { path = S3mRoutes.Status, status = 302, body = "" });
        var client = _emu.NewClient(null, retries: 3, timeout: ClientTimeout);

        var (e, _) = await Fails(() => client.Status.GetResourcesAsync(default));

        AssertClear(e, S3mErrorKind.InvalidResponse, "GET", S3mRoutes.Status, 302);
        Assert.Contains("no Location", e.Message);
        Assert.Single(await _emu.Requests());
    }

    [Fact]
    public async Task A_303_after_a_post_is_followed_with_a_get()
    {
        var (client, _) = _emu.Connect(timeout: ClientTimeout);
        await _emu.AddFault(new { path = "/olcf/v1/token/ctls/introspect-post", method = "POST", mode = "redirect", status = 303, location = Introspect });
        var request = new S3mRequest("POST", "/olcf/v1/token/ctls/introspect-post") { Body = "{}" };

        var (answer, _) = await Timed(() => client.Transport.SendAsync(request, default));

        Assert.Equal(System.Text.Json.JsonValueKind.Object, answer.ValueKind);
        var log = await _emu.Requests();
        Assert.Equal(new[] { "POST", "GET" }, log.Select(r => r.GetProperty("method").GetString()));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_submit_redirected_to_another_origin_is_not_sent_there(int status)
    {
        using var elsewhere = new ConnectionRecorder();
        var (client, _) = _emu.Connect(scopes: new[] { "compute-ace" }, retries: 3, timeout: ClientTimeout);
        var path = S3mRoutes.Slurm(client.Options, "v0.0.43", "defiant", S3mRoutes.SlurmSubmit);
        await _emu.AddFault(new { path, method = "POST", mode = "redirect", status, location = new Uri(elsewhere.Origin, path).ToString() });

        var (e, _) = await Fails(() => Submit(client, "defiant", "v0.0.43", "moved"));

        AssertClear(e, S3mErrorKind.InvalidResponse, "POST", path, status);
        Assert.Contains($"another origin, {elsewhere.Origin.GetLeftPart(UriPartial.Authority)}", e.Message);
        Assert.Contains("nothing was sent there", e.Message);
        Assert.Empty(elsewhere.Received);
        Assert.Equal(1, await _emu.CountLogged("POST", path));
        Assert.DoesNotContain((await client.Slurm.GetJobsAsync("defiant", "v0.0.43", default)).Value, j => j.Name == "moved");
    }

    [Theory]
    [InlineData(301)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_delete_redirected_to_another_origin_is_not_sent_there(int status)
    {
        using var elsewhere = new ConnectionRecorder();
        var (client, _) = _emu.Connect(scopes: new[] { "data-streaming" }, retries: 3, timeout: ClientTimeout);
        var path = S3mRoutes.Streaming(client.Options, S3mRoutes.StreamingCluster("redis", "cache01"));
        await _emu.AddFault(new { path, method = "DELETE", mode = "redirect", status, location = new Uri(elsewhere.Origin, path).ToString() });

        var (e, _) = await Fails(() => client.Streaming.DeleteAsync(StreamingEngine.Redis, "cache01", default));

        AssertClear(e, S3mErrorKind.InvalidResponse, "DELETE", path, status);
        Assert.Contains(elsewhere.Origin.GetLeftPart(UriPartial.Authority), e.Message);
        Assert.Empty(elsewhere.Received);
        // Not retried either: the redirect is an answer, not a lost one.
        Assert.Equal(1, await _emu.CountLogged("DELETE", path));
    }

    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_post_redirected_on_the_same_origin_keeps_its_body_and_token(int status)
    {
        var (client, minted) = _emu.Connect(scopes: new[] { "compute-ace" }, retries: 3, timeout: ClientTimeout);
        var moved = S3mRoutes.Slurm(client.Options, "v0.0.43", "defiant", "job/submit-moved");
        var path = S3mRoutes.Slurm(client.Options, "v0.0.43", "defiant", S3mRoutes.SlurmSubmit);
        await _emu.AddFault(new { path = moved, method = "POST", mode = "redirect", status, location = path });
        var request = new S3mRequest("POST", "job/submit-moved") { Body = SubmitBody("kept") };

        var (answer, _) = await Timed(() => client.Slurm.SendAsync("defiant", "v0.0.43", request, default));

        Assert.True(answer.GetProperty("job_id").GetInt64() > 0);
        var log = await _emu.Requests();
        Assert.Equal(new[] { moved, path }, log.Select(r => r.GetProperty("path").GetString()));
        Assert.All(log, r => Assert.Contains("\"kept\"", r.GetProperty("body").GetString()));
        Assert.All(log, r => Assert.Equal(minted.TokenId, r.GetProperty("tokenId").GetString()));
    }

    [Fact]
    public async Task A_redirect_out_of_the_resource_on_the_same_origin_is_not_followed()
    {
        var (client, _) = _emu.Connect(scopes: new[] { "compute-ace" }, retries: 3, timeout: ClientTimeout);
        var ping = S3mRoutes.Slurm(client.Options, "v0.0.43", "defiant", S3mRoutes.SlurmPing);
        await _emu.AddFault(new { path = ping, mode = "redirect", status = 307, location = "../../../../token/ctls/revoke" });

        var (e, _) = await Fails(() => client.Slurm.PingAsync("defiant", "v0.0.43", default));

        AssertClear(e, S3mErrorKind.InvalidResponse, "GET", ping, 307);
        Assert.Contains("/olcf/v1/token/ctls/revoke, outside /olcf/v1/slurm/open/v0.0.43/defiant/", e.Message);
        Assert.Single(await _emu.Requests());
    }

    [Fact]
    public async Task A_cluster_delete_redirected_to_the_revoke_path_on_the_same_origin_is_not_followed()
    {
        var (client, _) = _emu.Connect(scopes: new[] { "data-streaming" }, retries: 3, timeout: ClientTimeout);
        var path = S3mRoutes.Streaming(client.Options, S3mRoutes.StreamingCluster("redis", "cache01"));
        await _emu.AddFault(new { path, method = "DELETE", mode = "redirect", status = 307, location = S3mRoutes.TokenRevoke });

        var (e, _) = await Fails(() => client.Streaming.DeleteAsync(StreamingEngine.Redis, "cache01", default));

        AssertClear(e, S3mErrorKind.InvalidResponse, "DELETE", path, 307);
        Assert.Contains($"{S3mRoutes.TokenRevoke}, outside /olcf/open/v1alpha/streaming/", e.Message);
        Assert.Single(await _emu.Requests());
        Assert.Equal("stf042", (await client.Tokens.IntrospectAsync(false, default)).Project);
    }

    private async Task<System.Text.Json.JsonElement[]> OtherRequests()
    {
        var log = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(_otherControl!, "/_emulator/requests");
        return log.GetProperty("requests").EnumerateArray().ToArray();
    }
}
