using S3M.Slurm;
using S3M.Streaming;
using S3M.Transport;
using static S3M.Client.Tests.Faults.FaultKit;

namespace S3M.Client.Tests.Faults;

/// <summary>
/// Submit and provision are never re-sent: the emulator's log shows exactly one POST whatever
/// went wrong. A provision whose answer was lost is looked up by name and returned; one that
/// really failed reports its failure.
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

    private static string SubmitBody() =>
        SbatchScript.Parse("#!/bin/bash\n#SBATCH --job-name=once\n#SBATCH --time=10\nsleep 30\n", false, "Script")
            .ToSubmitJson(Version, SubmitForm.Job);

    private static ProvisionRequest Provision(string name) =>
        new() { Engine = StreamingEngine.Redis, Name = name, Kind = "general" };

    [Fact]
    public async Task A_submit_whose_answer_is_lost_is_sent_once_and_fails_clearly()
    {
        var (client, path) = SlurmClient();
        await _emu.AddFault(new { path, method = "POST", mode = "resetAfter", count = 5 });

        var (e, elapsed) = await Fails(() => client.Slurm.SubmitAsync(Resource, Version, SubmitBody(), false, default));

        AssertClear(e, S3mErrorKind.Transport, "POST", path, null);
        Assert.Equal(1, await _emu.CountLogged("POST", path));
        Assert.True(elapsed < TimeSpan.FromSeconds(30), $"took {elapsed}");
        // It did reach Slurm: a re-send would have made a second job.
        var jobs = await client.Slurm.GetJobsAsync(Resource, Version, default);
        Assert.Single(jobs, j => j.Name == "once");
    }

    [Fact]
    public async Task A_submit_answered_503_is_sent_once()
    {
        var (client, path) = SlurmClient();
        await _emu.AddFault(new { path, method = "POST", status = 503, count = 5 });

        var (e, _) = await Fails(() => client.Slurm.SubmitAsync(Resource, Version, SubmitBody(), false, default));

        AssertClear(e, S3mErrorKind.Unavailable, "POST", path, 503);
        Assert.Equal(1, await _emu.CountLogged("POST", path));
        Assert.Empty(await client.Slurm.GetJobsAsync(Resource, Version, default));
    }

    [Fact]
    public async Task A_submit_cut_short_mid_body_is_sent_once()
    {
        var (client, path) = SlurmClient();
        await _emu.AddFault(new { path, method = "POST", mode = "truncate", body = """{"job_id":4200,"step_id":"batch"}""", count = 5 });

        var (e, _) = await Fails(() => client.Slurm.SubmitAsync(Resource, Version, SubmitBody(), false, default));

        AssertClear(e, S3mErrorKind.Transport, "POST", path, 200);
        Assert.Equal(1, await _emu.CountLogged("POST", path));
    }

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
        Assert.Equal(1, await _emu.CountLogged("POST", path));
        var log = (await _emu.Requests()).Select(r => r.GetProperty("method").GetString() + " " + r.GetProperty("path").GetString()).ToList();
        var lookup = "GET " + S3mRoutes.Streaming(client.Options, S3mRoutes.StreamingCluster("redis", "lostanswer"));
        Assert.True(log.IndexOf(lookup) > log.IndexOf("POST " + path), string.Join(" | ", log));
        var clusters = await client.Streaming.GetClustersAsync(StreamingEngine.Redis, default);
        Assert.Single(clusters, c => c.Name == "lostanswer");
    }

    [Fact]
    public async Task A_provision_answered_503_is_sent_once_and_the_503_is_reported_when_the_lookup_finds_nothing()
    {
        var (client, path) = StreamingClient();
        await _emu.AddFault(new { path, method = "POST", status = 503, count = 5 });

        var (e, _) = await Fails(() => client.Streaming.ProvisionAsync(Provision("neverthere"), default));

        AssertClear(e, S3mErrorKind.Unavailable, "POST", path, 503);
        Assert.Equal(503, e.StatusCode);
        Assert.Equal(1, await _emu.CountLogged("POST", path));
        var lookup = S3mRoutes.Streaming(client.Options, S3mRoutes.StreamingCluster("redis", "neverthere"));
        Assert.Equal(1, await _emu.CountLogged("GET", lookup));
        Assert.DoesNotContain(await client.Streaming.GetClustersAsync(StreamingEngine.Redis, default), c => c.Name == "neverthere");
    }

    [Fact]
    public async Task A_provision_reset_before_reaching_the_server_is_sent_once_and_fails_clearly()
    {
        var (client, path) = StreamingClient();
        await _emu.AddFault(new { path, method = "POST", mode = "reset", count = 5 });

        var (e, _) = await Fails(() => client.Streaming.ProvisionAsync(Provision("notmade"), default));

        AssertClear(e, S3mErrorKind.Transport, "POST", path, null);
        Assert.Equal(1, await _emu.CountLogged("POST", path));
        Assert.DoesNotContain(await client.Streaming.GetClustersAsync(StreamingEngine.Redis, default), c => c.Name == "notmade");
    }

    [Fact]
    public async Task A_provision_past_the_timeout_is_sent_once_and_looked_up()
    {
        var (client, path) = StreamingClient();
        await _emu.AddFault(new { path, method = "POST", latencyMs = 20_000, count = 5 });
        client = new S3mClient(new S3mClientOptions
        {
            BaseUri = _emu.BaseUri,
            Timeout = TimeSpan.FromMilliseconds(500),
            Retry = new RetryOptions { MaximumRetryCount = 3, InitialDelay = TimeSpan.FromMilliseconds(20) },
        }, EmulatorFixture.Secure(_emu.Emulator.MintToken("stf042", new[] { "data-streaming" }).Token));

        var (e, elapsed) = await Fails(() => client.Streaming.ProvisionAsync(Provision("tooslow"), default));

        AssertClear(e, S3mErrorKind.Timeout, "POST", path, null);
        Assert.Equal(1, await _emu.CountLogged("POST", path));
        Assert.True(elapsed < TimeSpan.FromSeconds(15), $"took {elapsed}");
    }
}
