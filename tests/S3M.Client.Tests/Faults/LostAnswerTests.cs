using S3M.Streaming;
using S3M.Transport;
using static S3M.Client.Tests.Faults.FaultKit;

namespace S3M.Client.Tests.Faults;

/// <summary>
/// Calls that are safe to repeat (revoke, a cluster's delete, a job's cancel) retry after a lost
/// answer; a retry answered with the status that means "already done" (401, 404) is the lost
/// attempt's success. A call stopped after it may have reached S3M says so to the stopped sink.
/// </summary>
public class LostAnswerTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private readonly EmulatorFixture _emu;

    public LostAnswerTests(EmulatorFixture emu) { _emu = emu; }

    public Task InitializeAsync() => _emu.Reset();
    public Task DisposeAsync() => Task.CompletedTask;

    private S3mClient Client(string token, TimeSpan? timeout = null, int retries = 3) =>
        _emu.NewClient(EmulatorFixture.Secure(token), retries, timeout ?? ClientTimeout);

    private string Mint(params string[] scopes) => _emu.Emulator.MintToken("stf042", scopes.Length == 0 ? new[] { "compute-ace" } : scopes).Token;

    /// <summary>The first revoke really revokes, then its answer is lost in each of these ways.</summary>
    public static readonly TheoryData<object, int> LostRevokes = new()
    {
        { new { path = S3mRoutes.TokenRevoke, method = "DELETE", mode = "resetAfter" }, 10 },
        { new { path = S3mRoutes.TokenRevoke, method = "DELETE", mode = "statusAfter", status = 502 }, 10 },
        { new { path = S3mRoutes.TokenRevoke, method = "DELETE", mode = "statusAfter", status = 504 }, 10 },
        { new { path = S3mRoutes.TokenRevoke, method = "DELETE", mode = "resetAfter", latencyMs = 20_000 }, 1 },
    };

    [Theory]
    [MemberData(nameof(LostRevokes))]
    public async Task A_revoke_whose_retry_is_refused_after_a_lost_answer_succeeded(object fault, int timeoutSeconds)
    {
        var token = Mint();
        var client = Client(token, TimeSpan.FromSeconds(timeoutSeconds));
        await _emu.AddFault(fault);
        var verbose = new List<string>();

        using (S3mTrace.Begin(verbose.Add))
        {
            await Timed(async () => { await client.Tokens.RevokeAsync(default); return true; });
        }

        Assert.True(client.Transport.IsRevoked);
        var revokes = (await _emu.Requests()).Where(r => r.GetProperty("path").GetString() == S3mRoutes.TokenRevoke).ToArray();
        Assert.Equal(2, revokes.Length);
        Assert.Contains(verbose, v => v.Contains("→ 401: an earlier attempt lost its answer") && v.Contains("that attempt did it"));
        // Revoked for real: the token no longer works anywhere.
        var e = await Assert.ThrowsAsync<S3mException>(() => Client(token).Tokens.IntrospectAsync(false, default));
        Assert.Equal(S3mErrorKind.Unauthorized, e.Kind);
    }

    [Fact]
    public async Task A_revoke_refused_at_once_is_still_unauthorized()
    {
        var client = Client(Mint());
        await _emu.AddFault(new { path = S3mRoutes.TokenRevoke, method = "DELETE", status = 401 });

        var (e, _) = await Fails(() => client.Tokens.RevokeAsync(default));

        AssertClear(e, S3mErrorKind.Unauthorized, "DELETE", S3mRoutes.TokenRevoke, 401);
        Assert.False(client.Transport.IsRevoked);
        Assert.Equal(1, await _emu.CountLogged("DELETE", S3mRoutes.TokenRevoke));
    }

    [Fact]
    public async Task A_revoke_that_loses_every_answer_has_an_unknown_outcome()
    {
        var client = Client(Mint(), retries: 2);
        await _emu.AddFault(new { path = S3mRoutes.TokenRevoke, method = "DELETE", mode = "reset", count = 10 });

        var (e, _) = await Fails(() => client.Tokens.RevokeAsync(default));

        AssertClear(e, S3mErrorKind.OutcomeUnknown, "DELETE", S3mRoutes.TokenRevoke, null);
        Assert.Contains("asking again did not settle it", e.Message);
        Assert.Contains("Introspect the token", e.Message);
        Assert.False(client.Transport.IsRevoked);
        Assert.Equal(3, await _emu.CountLogged("DELETE", S3mRoutes.TokenRevoke));
    }

    [Fact]
    public async Task A_cluster_delete_whose_retry_finds_nothing_after_a_lost_answer_succeeded()
    {
        var client = Client(Mint("data-streaming"));
        await client.Streaming.ProvisionAsync(new ProvisionRequest { Engine = StreamingEngine.Redis, Name = "gone01", Kind = "general" }, default);
        var path = S3mRoutes.Streaming(client.Options, S3mRoutes.StreamingCluster("redis", "gone01"));
        await _emu.AddFault(new { path, method = "DELETE", mode = "resetAfter" });

        await Timed(async () => { await client.Streaming.DeleteAsync(StreamingEngine.Redis, "gone01", default); return true; });

        var deletes = (await _emu.Requests()).Where(r => r.GetProperty("method").GetString() == "DELETE").ToArray();
        Assert.Equal(2, deletes.Length);
        Assert.DoesNotContain(await client.Streaming.GetClustersAsync(StreamingEngine.Redis, default), c => c.Name == "gone01");
    }

    /// <summary>
    /// The cancel happens and its answer is lost; the retry is told there is no such job (a 404),
    /// or meets Slurm's 2021 "already completing or completed" in status[]: either way done, and said.
    /// </summary>
    [Theory]
    [InlineData(true, "S3M answered 404")]
    [InlineData(false, "Slurm says \"Job/step already completing or completed\"")]
    public async Task A_job_cancel_whose_retry_finds_it_done_after_a_lost_answer_succeeded(bool answer404, string met)
    {
        var client = Client(Mint());
        var job = await Submit(client, "defiant", "v0.0.43", "cancelme", sleep: 300);
        var path = S3mRoutes.Slurm(client.Options, "v0.0.43", "defiant", S3mRoutes.SlurmJob(job.JobId));
        await _emu.AddFault(new { path, method = "DELETE", mode = "resetAfter" });
        if (answer404)
        {
            await _emu.AddFault(new { path, method = "DELETE", status = 404 });
        }

        var verbose = new List<string>();
        IReadOnlyList<string> warnings;
        using (S3mTrace.Begin(verbose.Add))
        {
            (warnings, _) = await Timed(() => client.Slurm.CancelAsync("defiant", "v0.0.43", job.JobId, null, default));
        }

        Assert.Equal(2, await _emu.CountLogged("DELETE", path));
        Assert.Contains("CANCELLED", ((await client.Slurm.GetJobAsync("defiant", "v0.0.43", job.JobId, default)).Value).State);
        var warning = Assert.Single(warnings);
        Assert.StartsWith($"The answer to cancelling job {job.JobId} on defiant was lost (", warning);
        Assert.Contains("asked again, " + met, warning);
        Assert.Contains(verbose, v => v.Contains("an earlier attempt lost its answer") && v.Contains("that attempt did it"));
    }

    [Fact]
    public async Task A_cluster_delete_whose_retry_is_refused_after_a_lost_answer_is_an_error()
    {
        // The first attempt never reaches S3M (reset); the retry is answered {}: the cluster was not removed.
        var client = Client(Mint("data-streaming"));
        await client.Streaming.ProvisionAsync(new ProvisionRequest { Engine = StreamingEngine.Redis, Name = "stays01", Kind = "general" }, default);
        await _emu.RefuseDelete("redis", "stays01", "omitted");
        var path = S3mRoutes.Streaming(client.Options, S3mRoutes.StreamingCluster("redis", "stays01"));
        await _emu.AddFault(new { path, method = "DELETE", mode = "reset" });

        var (e, _) = await Fails(() => client.Streaming.DeleteAsync(StreamingEngine.Redis, "stays01", default));

        Assert.Equal(S3mErrorKind.Unavailable, e.Kind);
        Assert.Contains("may still exist", e.Message);
        Assert.Equal(2, await _emu.CountLogged("DELETE", path));
        Assert.Equal("stays01", (await client.Streaming.GetClusterAsync(StreamingEngine.Redis, "stays01", default)).Name);
    }

    [Fact]
    public async Task A_signal_whose_answer_was_lost_is_not_sent_again()
    {
        // USR1 delivered twice does something twice: unlike a cancel, a signal is never repeated.
        var client = Client(Mint());
        var job = await Submit(client, "defiant", "v0.0.43", "signalme", sleep: 300);
        var path = S3mRoutes.Slurm(client.Options, "v0.0.43", "defiant", S3mRoutes.SlurmJob(job.JobId));
        await _emu.AddFault(new { path, method = "DELETE", mode = "resetAfter" });

        var (e, _) = await Fails(() => client.Slurm.CancelAsync("defiant", "v0.0.43", job.JobId, "SIGUSR1", default));

        Assert.Equal(S3mErrorKind.OutcomeUnknown, e.Kind);
        Assert.Equal(1, await _emu.CountLogged("DELETE", path));
    }

    [Fact]
    public async Task A_delete_answered_404_at_once_is_still_not_found()
    {
        var client = Client(Mint("data-streaming"));

        var (e, _) = await Fails(() => client.Streaming.DeleteAsync(StreamingEngine.Redis, "neverwas", default));

        Assert.Equal(S3mErrorKind.NotFound, e.Kind);
    }

    [Fact]
    public async Task A_submit_stopped_while_in_flight_tells_the_stopped_sink_it_may_have_happened()
    {
        var client = Client(Mint());
        var path = S3mRoutes.Slurm(client.Options, "v0.0.43", "defiant", S3mRoutes.SlurmSubmit);
        await _emu.AddFault(new { path, method = "POST", latencyMs = 20_000 });
        var stopped = new List<string>();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        using (S3mTrace.Begin(null, stopped.Add))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Submit(client, "defiant", "v0.0.43", cancellationToken: cts.Token));
        }

        var notice = Assert.Single(stopped);
        Assert.StartsWith($"POST {path} was stopped while S3M may already have received it", notice);
        Assert.Matches("look for its tag s3m:[0-9a-f]{16} in the comments of defiant's jobs", notice);
    }

    [Fact]
    public async Task A_read_stopped_while_in_flight_has_nothing_to_tell()
    {
        await _emu.AddFault(new { path = S3mRoutes.Status, latencyMs = 20_000 });
        var stopped = new List<string>();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        using (S3mTrace.Begin(null, stopped.Add))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _emu.NewClient(null).Status.GetResourcesAsync(cts.Token));
        }

        Assert.Empty(stopped);
    }
}
