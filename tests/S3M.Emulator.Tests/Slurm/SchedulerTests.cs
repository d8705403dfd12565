using System.Net;
using System.Text.Json;
using S3M.Emulator.Tests.Support;

namespace S3M.Emulator.Tests.Slurm;

/// <summary>Jobs move on the emulator's clock: the tests advance it instead of sleeping.</summary>
public sealed class SchedulerTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    private const string V = "v0.0.44";
    private const string R = "odo";

    private string Token => Emulator.MintToken("stf042", ["compute-ace"]).Token;

    private Task Advance(int seconds) => Http.AdvanceClockAsync(TimeSpan.FromSeconds(seconds));

    [Fact]
    public async Task AJobIsPendingThenRunningThenCompleted()
    {
        var token = Token;
        var id = await Http.SubmitOkAsync(token, V, R);

        var pending = await Http.ControllerJobAsync(token, V, R, id);
        Assert.Equal(["PENDING"], pending.GetProperty("job_state").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("Priority", pending.GetProperty("state_reason").GetString());
        Assert.False(pending.Has("nodes"));
        Assert.Null(pending.GetProperty("start_time").Number());

        await Advance(2);
        var running = await Http.ControllerJobAsync(token, V, R, id);
        Assert.Equal("RUNNING", running.GetProperty("job_state")[0].GetString());
        Assert.Equal("None", running.GetProperty("state_reason").GetString());
        Assert.Equal("odo01", running.GetProperty("nodes").GetString());
        Assert.NotNull(running.GetProperty("start_time").Number());

        await Advance(3);
        var completing = await Http.ControllerJobAsync(token, V, R, id);
        Assert.Equal("RUNNING+COMPLETING", completing.JobState());
        Assert.Equal("RUNNING+COMPLETING", (await Http.AccountingJobAsync(token, V, R, id)).State());
        Assert.Equal("odo01", completing.GetProperty("nodes").GetString());

        await Advance(1);
        var done = await Http.AccountingJobAsync(token, V, R, id);
        Assert.Equal("COMPLETED", done.State());
        var exit = done.GetProperty("exit_code");
        Assert.Equal("SUCCESS", exit.GetProperty("status")[0].GetString());
        Assert.Equal(0, exit.GetProperty("return_code").Number());
        var time = done.GetProperty("time");
        Assert.Equal(3, time.GetProperty("elapsed").GetInt32());
        Assert.Equal(time.Int64("start") + 3, time.Int64("end"));
        Assert.Equal(time.Int64("submission") + 2, time.Int64("start"));
    }

    [Theory]
    [InlineData("#!/bin/bash\nsleep 10\n", 10)]
    [InlineData("#!/bin/bash\nsleep 0.5\nsleep 1.5 # settle\n", 2)]
    [InlineData("#!/bin/bash\nsleep 1m\n", 60)]
    [InlineData("#!/bin/bash\necho no sleep here\n", 3)]
    public async Task SleepLinesSetTheRunTime(string script, int seconds)
    {
        var token = Token;
        var id = await Http.SubmitOkAsync(token, V, R, SlurmCalls.Job(script));

        await Advance(2 + seconds + 1 + 5);

        // Start and end are decided at submission, so the elapsed time is exact however long the test took.
        var job = await Http.AccountingJobAsync(token, V, R, id);
        Assert.Equal("COMPLETED", job.State());
        Assert.Equal(seconds, job.GetProperty("time").GetProperty("elapsed").GetInt32());
        Assert.Equal(job.GetProperty("time").Int64("start") + seconds, job.GetProperty("time").Int64("end"));
    }

    [Fact]
    public async Task ExitNEndsTheJobFailedWithThatCodeAfterItsSleeps()
    {
        var token = Token;
        var id = await Http.SubmitOkAsync(token, V, R, SlurmCalls.Job("#!/bin/bash\nsleep 4\nexit 3\nsleep 100\n"));

        await Advance(3);
        Assert.Equal("RUNNING", (await Http.AccountingJobAsync(token, V, R, id)).State());
        await Advance(3 + 1);

        var job = await Http.AccountingJobAsync(token, V, R, id);
        Assert.Equal("FAILED", job.State());
        Assert.Equal(4, job.GetProperty("time").GetProperty("elapsed").GetInt32());
        Assert.Equal(3, job.GetProperty("exit_code").GetProperty("return_code").Number());
        Assert.Equal("ERROR", job.GetProperty("exit_code").GetProperty("status")[0].GetString());
        var listed = await Http.ControllerJobAsync(token, V, R, id);
        Assert.Equal("FAILED", listed.JobState());
        Assert.Equal(3, listed.GetProperty("exit_code").GetProperty("return_code").Number());
    }

    [Fact]
    public async Task ExceedingTheTimeLimitEndsItTimeoutAtTheLimit()
    {
        var token = Token;
        var job = SlurmCalls.Job("#!/bin/bash\nsleep 600\n").With("time_limit", SlurmCalls.Wrapped(1));
        var id = await Http.SubmitOkAsync(token, V, R, job);

        await Advance(30);
        Assert.Equal("RUNNING", (await Http.AccountingJobAsync(token, V, R, id)).State());
        await Advance(40);

        var done = await Http.AccountingJobAsync(token, V, R, id);
        Assert.Equal("TIMEOUT", done.State());
        var time = done.GetProperty("time");
        Assert.Equal(60, time.GetProperty("elapsed").GetInt32());
        Assert.Equal(time.Int64("start") + 60, time.Int64("end"));
    }

    [Theory]
    [InlineData("", "SIGTERM", 15)]
    [InlineData("?signal=SIGKILL", "SIGKILL", 9)]
    [InlineData("?signal=KILL&flags=FULL_JOB", "SIGKILL", 9)]
    [InlineData("?signal=15", "SIGTERM", 15)]
    public async Task CancelEndsARunningJobCancelledAtOnce(string query, string signal, int number)
    {
        var token = Token;
        var id = await Http.SubmitOkAsync(token, V, R, SlurmCalls.Job("#!/bin/bash\nsleep 100\n"));
        await Advance(5);

        var answer = await Http.CancelAsync(token, V, R, id, query);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var status = Assert.Single(answer.Json.GetProperty("status").EnumerateArray());
        Assert.False(status.GetProperty("error").Has("code"));
        Assert.Equal(id, status.GetProperty("job_id").Number());
        // A job that ran keeps its nodes a moment while they are cleaned up.
        Assert.Equal("CANCELLED+COMPLETING", (await Http.ControllerJobAsync(token, V, R, id)).JobState());
        await Advance(1);
        var job = await Http.AccountingJobAsync(token, V, R, id);
        Assert.Equal("CANCELLED", job.State());
        var exit = job.GetProperty("exit_code");
        Assert.Equal("SIGNALED", exit.GetProperty("status")[0].GetString());
        Assert.Equal(signal, exit.GetProperty("signal").GetProperty("name").GetString());
        Assert.Equal(number, exit.GetProperty("signal").GetProperty("id").Number());
        Assert.InRange(job.GetProperty("time").GetProperty("elapsed").GetInt32(), 3, 10);
    }

    [Fact]
    public async Task AJobThatRequeuesItselfIsPendingRequeuedThenRunsWholeAgain()
    {
        var token = Token;
        // Pending 0-2 s, first run 2-4 s up to the requeue line, PENDING+REQUEUED 4-6 s, second run
        // 6-11 s past the line, RUNNING+COMPLETING 11-12 s, then COMPLETED.
        var id = await Http.SubmitOkAsync(token, V, R, SlurmCalls.Job("#!/bin/bash\nsleep 2\nscontrol requeue $SLURM_JOB_ID\nsleep 3\n"));

        await Advance(3);
        Assert.Equal("RUNNING", (await Http.ControllerJobAsync(token, V, R, id)).JobState());

        await Advance(2);
        var requeued = await Http.ControllerJobAsync(token, V, R, id);
        Assert.Equal("PENDING+REQUEUED", requeued.JobState());
        Assert.Equal("BeginTime", requeued.GetProperty("state_reason").GetString());
        Assert.False(requeued.Has("nodes"));
        Assert.Null(requeued.GetProperty("start_time").Number());
        Assert.Equal("PENDING+REQUEUED", (await Http.AccountingJobAsync(token, V, R, id)).State());

        await Advance(2);
        var again = await Http.ControllerJobAsync(token, V, R, id);
        Assert.Equal("RUNNING", again.JobState());
        Assert.Equal(again.GetProperty("submit_time").Number() + 6, again.GetProperty("start_time").Number());

        await Advance(4);
        Assert.Equal("RUNNING+COMPLETING", (await Http.ControllerJobAsync(token, V, R, id)).JobState());
        await Advance(1);
        var done = await Http.AccountingJobAsync(token, V, R, id);
        Assert.Equal("COMPLETED", done.State());
        Assert.Equal(5, done.GetProperty("time").GetProperty("elapsed").GetInt32());
    }

    [Fact]
    public async Task ACompletingJobTakesNoSignal()
    {
        var token = Token;
        var id = await Http.SubmitOkAsync(token, V, R);
        await Advance(5);

        var answer = await Http.CancelAsync(token, V, R, id);

        Assert.Equal(2021, Assert.Single(answer.Json.GetProperty("status").EnumerateArray()).GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("RUNNING+COMPLETING", (await Http.AccountingJobAsync(token, V, R, id)).State());
        await Advance(1);
        Assert.Equal("COMPLETED", (await Http.AccountingJobAsync(token, V, R, id)).State());
    }

    [Fact]
    public async Task ACancelledPendingJobNeverStarts()
    {
        var token = Token;
        var id = await Http.SubmitOkAsync(token, V, R);

        await Http.CancelAsync(token, V, R, id);
        await Advance(60);

        var job = await Http.AccountingJobAsync(token, V, R, id);
        Assert.Equal("CANCELLED", job.State());
        Assert.False(job.GetProperty("time").Has("start"));
        Assert.False(job.Has("steps"));
    }

    [Fact]
    public async Task CancellingAFinishedJobReportsItInStatus()
    {
        var token = Token;
        var id = await Http.SubmitOkAsync(token, V, R);
        await Advance(10);

        var answer = await Http.CancelAsync(token, V, R, id, "?signal=SIGKILL");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var error = Assert.Single(answer.Json.GetProperty("status").EnumerateArray()).GetProperty("error");
        Assert.Equal(2021, error.GetProperty("code").GetInt32());
        Assert.Equal("Job/step already completing or completed", error.GetProperty("string").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Equal("COMPLETED", (await Http.AccountingJobAsync(token, V, R, id)).State());
    }

    [Fact]
    public async Task OtherSignalsReachARunningJobAndChangeNothing()
    {
        var token = Token;
        var id = await Http.SubmitOkAsync(token, V, R);

        var early = await Http.CancelAsync(token, V, R, id, "?signal=SIGUSR1");
        await Advance(2);
        var running = await Http.CancelAsync(token, V, R, id, "?signal=USR1");

        Assert.Equal(2024, early.Json.GetProperty("status")[0].GetProperty("error").GetProperty("code").GetInt32());
        Assert.False(running.Json.GetProperty("status")[0].GetProperty("error").Has("code"));
        Assert.Equal("RUNNING", (await Http.AccountingJobAsync(token, V, R, id)).State());
        await Advance(3 + 1);
        Assert.Equal("COMPLETED", (await Http.AccountingJobAsync(token, V, R, id)).State());
    }

    [Fact]
    public async Task CancellingAnUnknownJobReportsItInStatus()
    {
        var answer = await Http.CancelAsync(Token, V, R, 999);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(2017, answer.Json.GetProperty("status")[0].GetProperty("error").GetProperty("code").GetInt32());
    }

    [Theory]
    [InlineData("?signal=SIGBOGUS", "signal")]
    [InlineData("?signal=99", "signal")]
    [InlineData("?flags=EVERYTHING", "EVERYTHING")]
    public async Task BadSignalsAndFlagsAreRefusedByTheGateway(string query, string expected)
    {
        var token = Token;
        var id = await Http.SubmitOkAsync(token, V, R);

        var answer = await Http.CancelAsync(token, V, R, id, query);

        Assert.Contains(expected, answer.AssertGrpcError(HttpStatusCode.BadRequest, 3));
        Assert.Equal("PENDING", (await Http.AccountingJobAsync(token, V, R, id)).State());
    }

    [Fact]
    public async Task JobsForgetsFinishedJobsAfterFiveMinutesButAccountingDoesNot()
    {
        var token = Token;
        var id = await Http.SubmitOkAsync(token, V, R);
        await Advance(5 + 290);
        Assert.Single(await Http.ControllerJobsAsync(token, V, R));

        await Advance(15);

        Assert.Empty(await Http.ControllerJobsAsync(token, V, R));
        Assert.Equal("COMPLETED", (await Http.AccountingJobAsync(token, V, R, id)).State());
    }

    [Fact]
    public async Task TheSchedulerCanBeMadeFastForScriptedTests()
    {
        await Http.SetSchedulerAsync(new { pendingSeconds = 0, defaultRunSeconds = 0, completingSeconds = 0 });
        var token = Token;

        var id = await Http.SubmitOkAsync(token, V, R, SlurmCalls.Job("#!/bin/bash\necho quick\n"));

        Assert.Equal("COMPLETED", (await Http.AccountingJobAsync(token, V, R, id)).State());
        var pace = (await Http.ControlAsync(HttpMethod.Get, "scheduler")).Json;
        Assert.Equal(0, pace.GetProperty("pendingSeconds").GetDouble());
        Assert.Equal(0, pace.GetProperty("completingSeconds").GetDouble());
        Assert.Equal(300, pace.GetProperty("keepFinishedSeconds").GetDouble());
        Assert.Equal(2, pace.GetProperty("requeueSeconds").GetDouble());
    }

    [Fact]
    public async Task ResetRestoresThePaceAndForgetsJobs()
    {
        await Http.SetSchedulerAsync(new { pendingSeconds = 30 });
        var token = Token;
        await Http.SubmitOkAsync(token, V, R);

        await Http.ResetAsync();

        Assert.Empty(await Http.ControllerJobsAsync(token, V, R));
        Assert.Equal(2, (await Http.ControlAsync(HttpMethod.Get, "scheduler")).Json.GetProperty("pendingSeconds").GetDouble());
        Assert.Equal(4200, await Http.SubmitOkAsync(token, V, R));
    }

    [Theory]
    [InlineData("{\"pendingSeconds\":-1}")]
    [InlineData("{\"defaultRunSeconds\":1e12}")]
    [InlineData("{\"pendingSecs\":1}")]
    public async Task BadSchedulerSettingsAreRefused(string body)
    {
        var answer = await Http.SendAsync(HttpMethod.Post, "/_emulator/scheduler", body: body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.True(answer.Json.Has("error"));
    }

    [Fact]
    public async Task ABeginTimeInTheFutureHoldsTheJob()
    {
        var token = Token;
        var begin = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        var job = SlurmCalls.Job("#!/bin/bash\nsleep 100\n").With("begin_time", SlurmCalls.Wrapped(begin.ToString()));
        var id = await Http.SubmitOkAsync(token, V, R, job);

        await Advance(60);
        var held = await Http.AccountingJobAsync(token, V, R, id);
        Assert.Equal("PENDING", held.State());
        Assert.Equal("BeginTime", held.GetProperty("state").GetProperty("reason").GetString());

        await Advance(600);
        Assert.Equal("RUNNING", (await Http.AccountingJobAsync(token, V, R, id)).State());
    }

    [Fact]
    public async Task NodesAndDiagReflectTheJobs()
    {
        var token = Token;
        await Http.SubmitOkAsync(token, V, R, SlurmCalls.Job("#!/bin/bash\nsleep 100\n").With("partition", "debug").With("nodes", "2"));
        var failing = await Http.SubmitOkAsync(token, V, R, SlurmCalls.Job("#!/bin/bash\nexit 1\n"));
        await Http.SubmitOkAsync(token, V, R);
        await Advance(2);
        await Http.CancelAsync(token, V, R, failing + 1);
        await Advance(4);

        var nodes = (await Http.FetchAsync(SlurmCalls.Path(V, R, "nodes"), token)).Json.GetProperty("nodes").EnumerateArray().ToList();
        var stats = (await Http.FetchAsync(SlurmCalls.Path(V, R, "diag"), token)).Json.GetProperty("statistics");

        var odo01 = nodes.Single(n => n.GetProperty("name").GetString() == "odo01");
        Assert.Equal("ALLOCATED", odo01.GetProperty("state")[0].GetString());
        Assert.Equal(56, odo01.GetProperty("alloc_cpus").GetInt32());
        Assert.Equal(3, stats.GetProperty("jobs_submitted").GetInt32());
        Assert.Equal(1, stats.GetProperty("jobs_running").GetInt32());
        Assert.Equal(1, stats.GetProperty("jobs_failed").GetInt32());
        Assert.Equal(1, stats.GetProperty("jobs_canceled").GetInt32());
        Assert.False(stats.Has("jobs_pending"));
    }
}
