using System.Collections.Concurrent;
using System.Diagnostics;
using S3M.Slurm;
using S3M.Transport;
using static S3M.Client.Tests.Faults.FaultKit;

namespace S3M.Client.Tests.Slurm;

/// <summary>
/// SlurmClient.SubmitAsync of many plans (what Submit-S3mSlurmJob sends a pipeline's scripts with):
/// each plan exactly once, at most the limit in flight, results by index, a failure for its plan
/// only, and nothing new sent once cancelled. Concurrency is read from the emulator's request log
/// (its latency setting keeps requests in flight), never from a clock.
/// </summary>
public class SubmitManyTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private const string Resource = "defiant";
    private const string Version = "v0.0.43";
    private readonly EmulatorFixture _emu;

    public SubmitManyTests(EmulatorFixture emu) { _emu = emu; }

    public async Task InitializeAsync()
    {
        await _emu.Reset();
        await _emu.SetScheduler(new { pendingSeconds = 0, defaultRunSeconds = 0 });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private (SlurmClient Slurm, string SubmitPath, List<SubmitPlan> Plans) Plans(int count)
    {
        var (client, _) = _emu.Connect(scopes: new[] { "compute-ace" }, timeout: ClientTimeout);
        var plans = Enumerable.Range(0, count).Select(i => client.Slurm.PlanSubmission(Resource, Job($"many-{i}", 0), Version)).ToList();
        return (client.Slurm, S3mRoutes.Slurm(client.Options, Version, Resource, S3mRoutes.SlurmSubmit), plans);
    }

    [Fact]
    public async Task Each_plan_is_sent_once_and_a_failure_belongs_to_its_plan_alone()
    {
        var (slurm, path, plans) = Plans(6);
        await _emu.AddFault(new { path, method = "POST", status = 503, count = 1 });
        await _emu.AddFault(new { path, method = "POST", mode = "statusAfter", status = 504, count = 1 });
        var submitted = new ConcurrentDictionary<int, SlurmSubmission>();
        var failed = new ConcurrentDictionary<int, S3mException>();

        await slurm.SubmitAsync(plans, 3, (i, s) => submitted[i] = s, (i, e) => failed[i] = e, default).WaitAsync(HardLimit);

        Assert.Equal(6, await _emu.CountLogged("POST", path));
        // The 504 came after Slurm took the job: its tag finds it, so only the 503 fails.
        Assert.Equal(5, submitted.Count);
        Assert.Single(submitted.Values, s => s.FoundByTag);
        Assert.Equal(new[] { S3mErrorKind.Unavailable }, failed.Values.Select(e => e.Kind));
        Assert.Equal(Enumerable.Range(0, 6), submitted.Keys.Concat(failed.Keys).OrderBy(i => i));
        // Each answer belongs to its own plan: the job Slurm took under that ID has the plan's name.
        var jobs = (await slurm.GetJobsAsync(Resource, Version, default)).Value.ToDictionary(j => j.JobId, j => j.Name);
        Assert.All(submitted, s => Assert.Equal($"many-{s.Key}", jobs[s.Value.JobId]));
        // Five exist, and none twice.
        Assert.Equal(5, jobs.Count);
    }

    [Fact]
    public async Task At_most_the_limit_is_in_flight()
    {
        var (slurm, _, plans) = Plans(9);
        await _emu.SetLatency(500);
        var submitted = 0;

        await slurm.SubmitAsync(plans, 3, (_, _) => Interlocked.Increment(ref submitted), (_, e) => throw e, default).WaitAsync(HardLimit);

        Assert.Equal(9, submitted);
        Assert.Equal(3, await _emu.MaxInFlight());
    }

    [Fact]
    public async Task Nothing_new_is_sent_once_cancelled()
    {
        var (slurm, path, plans) = Plans(6);
        await _emu.SetLatency(30_000);
        using var stop = new CancellationTokenSource();
        var sending = slurm.SubmitAsync(plans, 2, (_, _) => { }, (_, _) => { }, stop.Token);
        var waited = Stopwatch.StartNew();
        while (await _emu.CountLogged("POST", path) < 2)
        {
            Assert.True(waited.Elapsed < HardLimit, "the first two submissions never reached the emulator");
            await Task.Delay(20);
        }

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending.WaitAsync(HardLimit));
        Assert.Equal(2, await _emu.CountLogged("POST", path));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void A_limit_out_of_range_is_refused_before_sending(int limit)
    {
        var (slurm, _, plans) = Plans(2);

        var e = Assert.Throws<S3mException>(() => { _ = slurm.SubmitAsync(plans, limit, (_, _) => { }, (_, _) => { }, default); });

        Assert.Equal(S3mErrorKind.InvalidArgument, e.Kind);
        Assert.Contains("MaximumConcurrency", e.Message);
    }
}
