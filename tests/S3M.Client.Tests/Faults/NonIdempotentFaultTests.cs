using S3M.Streaming;
using S3M.Transport;
using static S3M.Client.Tests.Faults.FaultKit;

namespace S3M.Client.Tests.Faults;

/// <summary>
/// Submit and provision are never re-sent: the emulator's log shows exactly one POST whatever
/// went wrong. When the answer is lost after the request may have reached S3M (a connection
/// closed after sending, a timeout, a 502 or 504), the call ends in S3M.OutcomeUnknown saying how
/// to check; a provision is first looked up by name and returned when found. A failure that is an
/// answer (4xx, 503) or certainly never left (connection refused) stays what it is.
/// </summary>
public class NonIdempotentFaultTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private const string Resource = "defiant";
    private const string Version = "v0.0.43";
    private readonly EmulatorFixture _emu;
    private readonly HttpClient _control;

    public NonIdempotentFaultTests(EmulatorFixture emu)
    {
        _emu = emu;
        _control = Control(emu);
    }

    public async Task InitializeAsync()
    {
        await _emu.Reset();
        await _control.Post("/_emulator/scheduler", new { pendingSeconds = 0, defaultRunSeconds = 60 });
        await _control.Post("/_emulator/streaming", new { readySeconds = 0 });
    }

    public Task DisposeAsync()
    {
        _control.Dispose();
        return Task.CompletedTask;
    }

    private (S3mClient Client, string SubmitPath) SlurmClient(int retries = 4)
    {
        var (client, _) = _emu.Connect(scopes: new[] { "compute-ace" }, retries: retries, timeout: ClientTimeout);
        return (client, S3mRoutes.Slurm(client.Options, Version, Resource, S3mRoutes.SlurmSubmit));
    }

    private (S3mClient Client, string ProvisionPath) StreamingClient(int retries = 4)
    {
        var (client, _) = _emu.Connect(scopes: new[] { "data-streaming" }, retries: retries, timeout: ClientTimeout);
        return (client, S3mRoutes.Streaming(client.Options, S3mRoutes.StreamingProvision("redis")));
    }

    private static ProvisionRequest Provision(string name) =>
        new() { Engine = StreamingEngine.Redis, Name = name, Kind = "general" };

    private static void AssertSubmitOutcomeUnknown(S3mException e, string path, int? status)
    {
        AssertClear(e, S3mErrorKind.OutcomeUnknown, "POST", path, status);
        Assert.StartsWith($"The answer to POST {path} was lost (", e.Message);
        Assert.Contains("S3M may have carried it out; it was not sent again.", e.Message);
        Assert.Contains($"look for it in the job list of {Resource} before submitting it again", e.Message);
    }

    [Fact]
    public async Task A_submit_whose_answer_is_lost_is_sent_once_and_its_outcome_is_unknown()
    {
        var (client, path) = SlurmClient();
        await _emu.AddFault(new { path, method = "POST", mode = "resetAfter", count = 5 });

        var (e, elapsed) = await Fails(() => Submit(client, Resource, Version));

        AssertSubmitOutcomeUnknown(e, path, null);
        Assert.Contains("the connection was lost after the request was sent", e.Message);
        Assert.Equal(1, await _emu.CountLogged("POST", path));
        Assert.True(elapsed < TimeSpan.FromSeconds(30), $"took {elapsed}");
        // It did reach Slurm: a re-send would have made a second job.
        var jobs = (await client.Slurm.GetJobsAsync(Resource, Version, default)).Value;
        Assert.Single(jobs, j => j.Name == "once");
    }

    [Theory]
    [InlineData("status", 502)]
    [InlineData("status", 504)]
    [InlineData("statusAfter", 502)]
    [InlineData("statusAfter", 504)]
    public async Task A_submit_answered_by_a_gateway_that_lost_its_upstream_is_sent_once_and_its_outcome_is_unknown(string mode, int status)
    {
        var (client, path) = SlurmClient();
        await _emu.AddFault(new { path, method = "POST", mode, status, count = 5 });

        var (e, _) = await Fails(() => Submit(client, Resource, Version));

        AssertSubmitOutcomeUnknown(e, path, status);
        Assert.Equal(status, e.StatusCode);
        Assert.Equal(1, await _emu.CountLogged("POST", path));
        // statusAfter let Slurm take the job before the gateway answered: exactly what "unknown" is for.
        Assert.Equal(mode == "statusAfter" ? 1 : 0, ((await client.Slurm.GetJobsAsync(Resource, Version, default)).Value).Count(j => j.Name == "once"));
    }

    [Fact]
    public async Task A_submit_answered_503_is_sent_once_and_stays_unavailable()
    {
        var (client, path) = SlurmClient();
        await _emu.AddFault(new { path, method = "POST", status = 503, count = 5 });

        var (e, _) = await Fails(() => Submit(client, Resource, Version));

        AssertClear(e, S3mErrorKind.Unavailable, "POST", path, 503);
        Assert.Equal(1, await _emu.CountLogged("POST", path));
        Assert.Empty((await client.Slurm.GetJobsAsync(Resource, Version, default)).Value);
    }

    [Fact]
    public async Task A_submit_refused_with_400_stays_an_invalid_argument()
    {
        var (client, path) = SlurmClient();
        await _emu.AddFault(new { path, method = "POST", status = 400, count = 5 });

        var (e, _) = await Fails(() => Submit(client, Resource, Version));

        AssertClear(e, S3mErrorKind.InvalidArgument, "POST", path, 400);
        Assert.Equal(1, await _emu.CountLogged("POST", path));
    }

    [Fact]
    public async Task A_submit_whose_connection_is_refused_never_left_and_stays_a_transport_error()
    {
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var client = _emu.NewClient(EmulatorFixture.Secure("t"), retries: 3, timeout: ClientTimeout, baseUri: new Uri($"http://127.0.0.1:{port}"));
        var path = S3mRoutes.Slurm(client.Options, Version, Resource, S3mRoutes.SlurmSubmit);

        var (e, _) = await Fails(() => Submit(client, Resource, Version));

        AssertClear(e, S3mErrorKind.Transport, "POST", path, null);
        Assert.Null(e.LostAnswer);
    }

    [Fact]
    public async Task A_submit_cut_short_mid_body_is_sent_once_and_its_outcome_is_unknown()
    {
        var (client, path) = SlurmClient();
        await _emu.AddFault(new { path, method = "POST", mode = "truncate", body = """{"job_id":4200,"step_id":"batch"}""", count = 5 });

        var (e, _) = await Fails(() => Submit(client, Resource, Version));

        AssertSubmitOutcomeUnknown(e, path, null);
        Assert.Contains("S3M answered 200, then the connection was lost", e.Message);
        Assert.Equal(1, await _emu.CountLogged("POST", path));
    }

    [Fact]
    public async Task A_submit_past_the_timeout_is_sent_once_and_its_outcome_is_unknown()
    {
        var (_, path) = SlurmClient();
        var client = _emu.NewClient(EmulatorFixture.Secure(_emu.Emulator.MintToken("stf042", new[] { "compute-ace" }).Token), retries: 3, timeout: TimeSpan.FromMilliseconds(500));
        await _emu.AddFault(new { path, method = "POST", mode = "resetAfter", latencyMs = 20_000, count = 5 });

        var (e, elapsed) = await Fails(() => Submit(client, Resource, Version));

        AssertSubmitOutcomeUnknown(e, path, null);
        Assert.Contains("no answer within 0.5 s", e.Message);
        Assert.Equal(1, await _emu.CountLogged("POST", path));
        Assert.True(elapsed < TimeSpan.FromSeconds(15), $"took {elapsed}");
        // Looked at with a patient client: the impatient one's half second is for the submit alone.
        var (reader, _) = SlurmClient();
        Assert.Single((await reader.Slurm.GetJobsAsync(Resource, Version, default)).Value, j => j.Name == "once");
    }

    private string LookupPath(S3mClient client, string name) => S3mRoutes.Streaming(client.Options, S3mRoutes.StreamingCluster("redis", name));

    [Fact]
    public async Task A_provision_whose_answer_is_lost_is_found_by_name_not_sent_again()
    {
        var (client, path) = StreamingClient();
        await _emu.AddFault(new { path, method = "POST", mode = "resetAfter", count = 5 });

        var (cluster, elapsed) = await Timed(() => client.Streaming.ProvisionAsync(Provision("lostanswer"), default));

        Assert.Equal("lostanswer", cluster.Name);
        Assert.Equal(StreamingEngine.Redis, cluster.Engine);
        Assert.NotNull(cluster.Username);
        Assert.NotNull(cluster.Password);
        Assert.True(elapsed < TimeSpan.FromSeconds(30), $"took {elapsed}");
        Assert.Contains(cluster.Warnings, w => w.Contains("was lost, but S3M has the cluster; it was not provisioned twice"));
        Assert.Equal(1, await _emu.CountLogged("POST", path));
        var log = (await _emu.Requests()).Select(r => r.GetProperty("method").GetString() + " " + r.GetProperty("path").GetString()).ToList();
        Assert.True(log.IndexOf("GET " + LookupPath(client, "lostanswer")) > log.IndexOf("POST " + path), string.Join(" | ", log));
        var clusters = await client.Streaming.GetClustersAsync(StreamingEngine.Redis, default);
        Assert.Single(clusters, c => c.Name == "lostanswer");
    }

    [Fact]
    public async Task A_provision_answered_503_is_sent_once_not_looked_up_and_stays_unavailable()
    {
        var (client, path) = StreamingClient();
        await _emu.AddFault(new { path, method = "POST", status = 503, count = 5 });

        var (e, _) = await Fails(() => client.Streaming.ProvisionAsync(Provision("neverthere"), default));

        AssertClear(e, S3mErrorKind.Unavailable, "POST", path, 503);
        Assert.Equal(1, await _emu.CountLogged("POST", path));
        // A 503 is an answer: S3M did not take it, so there is nothing to look for.
        Assert.Equal(0, await _emu.CountLogged("GET", LookupPath(client, "neverthere")));
        Assert.DoesNotContain(await client.Streaming.GetClustersAsync(StreamingEngine.Redis, default), c => c.Name == "neverthere");
    }

    [Theory]
    [InlineData("reset", null)]
    [InlineData("status", 502)]
    [InlineData("status", 504)]
    public async Task A_provision_whose_answer_is_lost_and_that_is_not_found_has_an_unknown_outcome(string mode, int? status)
    {
        var (client, path) = StreamingClient();
        await _emu.AddFault(status is { } code ? new { path, method = "POST", mode, status = code, count = 5 } : (object)new { path, method = "POST", mode, count = 5 });

        var (e, _) = await Fails(() => client.Streaming.ProvisionAsync(Provision("notmade"), default));

        AssertClear(e, S3mErrorKind.OutcomeUnknown, "POST", path, status);
        Assert.Contains("The Redis cluster notmade may exist: look it up by name", e.Message);
        Assert.EndsWith("A look-up by name just after did not find it, but it may still appear.", e.Message);
        Assert.Equal(1, await _emu.CountLogged("POST", path));
        Assert.Equal(1, await _emu.CountLogged("GET", LookupPath(client, "notmade")));
    }

    [Fact]
    public async Task A_provision_past_the_timeout_is_sent_once_and_looked_up()
    {
        var (_, path) = StreamingClient();
        await _emu.AddFault(new { path, method = "POST", latencyMs = 20_000, count = 5 });
        var client = _emu.NewClient(EmulatorFixture.Secure(_emu.Emulator.MintToken("stf042", new[] { "data-streaming" }).Token), retries: 3, timeout: TimeSpan.FromMilliseconds(500));

        var (e, elapsed) = await Fails(() => client.Streaming.ProvisionAsync(Provision("tooslow"), default));

        AssertClear(e, S3mErrorKind.OutcomeUnknown, "POST", path, null);
        Assert.Contains("no answer within 0.5 s", e.Message);
        Assert.Equal(1, await _emu.CountLogged("POST", path));
        var log = (await _emu.Requests()).Select(r => r.GetProperty("method").GetString() + " " + r.GetProperty("path").GetString()).ToList();
        Assert.Equal(new[] { "POST " + path, "GET " + LookupPath(client, "tooslow") }, log);
        Assert.True(elapsed < TimeSpan.FromSeconds(15), $"took {elapsed}");
    }
}
