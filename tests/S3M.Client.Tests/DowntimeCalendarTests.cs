using S3M.Status;

namespace S3M.Client.Tests;

/// <summary>
/// The downtime check before a submit and for a wait: the job's window, the partition default for
/// a job without a time limit, and the reads (one pair per client per five minutes, shared while
/// in flight, never in the way of the job).
/// </summary>
[Collection("emulator")]
public class DowntimeCalendarTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly EmulatorFixture _emu;

    public DowntimeCalendarTests(EmulatorFixture emu) { _emu = emu; }

    public Task InitializeAsync() => _emu.Reset();
    public Task DisposeAsync() => Task.CompletedTask;

    private static Downtime At(double startHours, double? endHours) => new()
    {
        ResourceName = "odo",
        Start = Now.AddHours(startHours),
        End = endHours is { } end ? Now.AddHours(end) : null,
    };

    [Theory]
    [InlineData(3.0, 2.0, 3.0, true)]      // the job runs into it
    [InlineData(1.0, 0.5, 0.75, true)]     // within the job's window
    [InlineData(1.0, 1.0, 3.0, false)]     // the job ends as it starts
    [InlineData(1.0, 2.0, 3.0, false)]     // after the job
    [InlineData(1.0, -1.0, 0.0, false)]    // ended as the job starts
    [InlineData(1.0, -1.0, 0.5, true)]     // in effect as the job starts
    public void A_window_meets_a_downtime_it_overlaps(double limitHours, double startHours, double endHours, bool meets) =>
        Assert.Equal(meets, new JobWindow(Now, true, TimeSpan.FromHours(limitHours), "test").Meets(At(startHours, endHours)));

    [Fact]
    public void An_unlimited_window_meets_every_downtime_that_ends_after_it_begins()
    {
        var window = new JobWindow(Now, true, TimeSpan.MaxValue, "test");
        Assert.True(window.Meets(At(24 * 30, 24 * 31)));
        Assert.True(window.Meets(At(5, null)));
        Assert.False(window.Meets(At(-2, -1)));
        Assert.Null(window.End);
    }

    [Fact]
    public void A_window_of_unknown_length_checks_its_start_alone()
    {
        var window = new JobWindow(Now, true, null, "test");
        Assert.True(window.Meets(At(-1, 1)));
        Assert.False(window.Meets(At(0.1, 1)));
        Assert.EndsWith("only its start is checked", window.ToString());
    }

    [Fact]
    public void A_job_without_a_time_limit_gets_its_partitions_default_else_its_maximum()
    {
        var partitions = new[]
        {
            new SlurmPartition { Name = "batch", DefaultTime = TimeSpan.FromHours(1), MaximumTime = TimeSpan.FromDays(2) },
            new SlurmPartition { Name = "debug", DefaultTime = TimeSpan.FromMinutes(30), MaximumTime = TimeSpan.FromHours(2) },
            new SlurmPartition { Name = "extended", MaximumTime = TimeSpan.FromDays(7) },
        };

        Assert.Equal(TimeSpan.FromMinutes(30), DowntimeCalendar.PartitionLimit("odo", "debug", partitions).Limit);
        Assert.Equal(TimeSpan.FromDays(7), DowntimeCalendar.PartitionLimit("odo", "extended", partitions).Limit);
        // sbatch -p takes a list: the job may run in either.
        Assert.Equal(TimeSpan.FromHours(1), DowntimeCalendar.PartitionLimit("odo", "debug,batch", partitions).Limit);
        // None named: slurmrestd does not say which is the default, so the longest.
        var (limit, basis) = DowntimeCalendar.PartitionLimit("odo", null, partitions);
        Assert.Equal(TimeSpan.FromDays(7), limit);
        Assert.Contains("extended has the longest maximum of odo's partitions, 7-00:00:00", basis);
        Assert.Null(DowntimeCalendar.PartitionLimit("odo", "gpu", partitions).Limit);
        Assert.Null(DowntimeCalendar.PartitionLimit("odo", null, null).Limit);
    }

    [Fact]
    public async Task Checks_made_at_once_share_one_read_of_the_two_lists()
    {
        var (client, _) = _emu.Connect();
        await _emu.SetDowntimes(new { resourceName = "odo", start = "+1h", end = "+2h", description = "Test" });
        // Slow answers, so every check below asks while the first read is in flight.
        await _emu.AddFault(new { path = "/olcf/v1alpha/status/downtimes*", latencyMs = 1000, count = 20 });
        var job = Job("2:00:00");

        var checks = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.Downtimes.CheckJobAsync("odo", job, null, default)));

        Assert.All(checks, c => Assert.Equal("Test", Assert.Single(c.Downtimes).Description));
        Assert.Equal(
            new[] { "/olcf/v1alpha/status/downtimes", "/olcf/v1alpha/status/downtimes/upcoming" },
            (await DowntimeReads()).OrderBy(p => p, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_description_reaches_the_warning_on_one_line_without_terminal_escapes()
    {
        var (client, _) = _emu.Connect();
        await _emu.SetDowntimes(new { resourceName = "odo", start = "+1h", end = "+2h", description = "Upgrade\u001b[2J\r\nnext line" + new string('x', 600) });

        var warning = Assert.Single((await client.Downtimes.CheckJobAsync("odo", Job("2:00:00"), null, default)).Warnings);

        Assert.DoesNotContain(warning, char.IsControl);
        Assert.Contains("'Upgrade [2J  next line", warning);
        Assert.True(warning.Length < 800, $"{warning.Length} characters");
    }

    [Fact]
    public async Task What_was_read_is_used_for_five_minutes_then_read_again()
    {
        var (client, _) = _emu.Connect();
        var clock = DateTimeOffset.UtcNow;
        var calendar = new DowntimeCalendar(client.Status, client.Slurm, () => clock);
        var job = Job("1:00:00");

        await calendar.CheckJobAsync("odo", job, null, default);
        clock += DowntimeCalendar.FreshFor - TimeSpan.FromSeconds(1);
        await calendar.CheckJobAsync("defiant", job, null, default);
        Assert.Equal(2, (await DowntimeReads()).Length);

        clock += TimeSpan.FromSeconds(2);
        await calendar.CheckJobAsync("odo", job, null, default);
        Assert.Equal(4, (await DowntimeReads()).Length);
    }

    [Fact]
    public async Task A_failed_read_leaves_the_job_unchecked_and_is_not_repeated_by_every_job()
    {
        var (client, _) = _emu.Connect();
        await _emu.AddFault(new { path = "/olcf/v1alpha/status/downtimes/upcoming", status = 500, count = 1 });
        var job = Job("UNLIMITED");

        var first = await client.Downtimes.CheckJobAsync("odo", job, null, default);
        var second = await client.Downtimes.CheckJobAsync("odo", job, null, default);

        Assert.False(first.Checked);
        Assert.Empty(first.Warnings);
        Assert.False(second.Checked);
        Assert.Equal(2, (await DowntimeReads()).Length);
    }

    [Fact]
    public async Task A_slow_read_is_waited_for_no_longer_than_the_patience()
    {
        var (client, _) = _emu.Connect();
        await _emu.AddFault(new { path = "/olcf/v1alpha/status/downtimes*", latencyMs = 2000, count = 2 });
        var calendar = new DowntimeCalendar(client.Status, client.Slurm, patience: TimeSpan.FromMilliseconds(50));

        var check = await calendar.CheckJobAsync("odo", Job("UNLIMITED"), null, default);

        Assert.False(check.Checked);
    }

    [Fact]
    public async Task A_read_that_outlasted_the_patience_is_not_waited_for_again_by_the_next_job()
    {
        var (client, _) = _emu.Connect();
        await _emu.AddFault(new { path = "/olcf/v1alpha/status/downtimes*", latencyMs = 5000, count = 2 });
        var calendar = new DowntimeCalendar(client.Status, client.Slurm, patience: TimeSpan.FromMilliseconds(200));
        Assert.False((await calendar.CheckJobAsync("odo", Job("1:00:00"), null, default)).Checked);

        // The same read is still in flight: the next script of a sweep goes on without waiting.
        var next = calendar.CheckJobAsync("odo", Job("1:00:00"), null, default);

        Assert.True(next.IsCompleted);
        Assert.False((await next).Checked);
        Assert.Empty(await calendar.GetBegunAsync("odo", default));
    }

    [Fact]
    public async Task An_upcoming_downtime_has_begun_once_its_start_has_passed()
    {
        var (client, _) = _emu.Connect();
        await _emu.SetDowntimes(
            new { resourceName = "odo", start = "-10m", end = "+1h", description = "Now" },
            new { resourceName = "odo", start = "+1h", end = "+2h", description = "Later" },
            new { resourceName = "defiant", start = "-10m", end = "+1h", description = "Elsewhere" });
        var clock = DateTimeOffset.UtcNow;
        var calendar = new DowntimeCalendar(client.Status, client.Slurm, () => clock);

        Assert.Equal(new[] { "Now" }, (await calendar.GetBegunAsync("odo", default)).Select(d => d.Description));
        clock += TimeSpan.FromMinutes(90);
        Assert.Equal(new[] { "Later" }, (await calendar.GetBegunAsync("odo", default)).Select(d => d.Description));
    }

    private static SlurmJobDescription Job(string timeLimit)
    {
        var job = new SlurmJobDescription();
        job.Set("time_limit", timeLimit, "TimeLimit");
        return job;
    }

    private async Task<string[]> DowntimeReads() =>
        (await _emu.Requests()).Select(r => r.GetProperty("path").GetString()!).Where(p => p.StartsWith("/olcf/v1alpha/status/downtimes", StringComparison.Ordinal)).ToArray();
}
