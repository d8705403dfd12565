using System.Text.Json;
using S3M.Slurm;

namespace S3M.Client.Tests.Slurm;

/// <summary>One job object from both shapes S3M answers, in the dialect the gateway writes.</summary>
public class SlurmJobShapeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    // GET /jobs: the controller's job_info, as the gateway prints it (64-bit as strings, zero fields left out).
    private const string Controller = """
        {"job_id":4211,"name":"hello","account":"stf042","partition":"batch","user_name":"stf042_auser",
         "job_state":["RUNNING","COMPLETING"],"state_reason":"None","nodes":"odo[01-02]",
         "node_count":{"set":true,"number":2},"cpus":{"set":true,"number":64},
         "submit_time":{"set":true,"number":"1764330000"},"start_time":{"set":true,"number":"1764330060"},
         "end_time":{"set":true,"number":"1764333660"},"time_limit":{"set":true,"number":60},
         "exit_code":{"status":["PENDING"],"return_code":{"set":true}},
         "current_working_directory":"/ccs/home/auser","standard_output":"/ccs/home/auser/hello-%j.out","newField":1}
        """;

    // GET /job/{id}: the accounting shape.
    private const string Accounting = """
        {"job_id":4211,"name":"hello","account":"stf042","partition":"batch","user":"stf042_auser","gruop":"stf042",
         "state":{"current":["FAILED"],"reason":"NonZeroExitCode"},"nodes":"odo01","allocation_nodes":1,
         "time":{"elapsed":95,"submission":"1764330000","start":"1764330060","end":"1764330155","limit":{"set":true,"number":30}},
         "exit_code":{"status":["ERROR"],"return_code":{"set":true,"number":3}},
         "required":{"CPUs":8},"working_directory":"/ccs/home/auser","stdout":"/ccs/home/auser/o.txt","stderr":"/ccs/home/auser/e.txt",
         "script":"#!/bin/bash\nexit 3\n"}
        """;

    [Theory]
    [InlineData("v0.0.42")]
    [InlineData("v0.0.43")]
    [InlineData("v0.0.44")]
    public void Controller_shape(string version)
    {
        var job = SlurmJob.Read(Json(Controller), "odo", version, Now);
        Assert.Equal(4211, job.JobId);
        Assert.Equal(version, job.ApiVersion);
        Assert.Equal("odo", job.Resource);
        Assert.Equal("RUNNING", job.State);
        Assert.Equal(new[] { "COMPLETING" }, job.StateFlags);
        Assert.Null(job.StateReason);
        Assert.False(job.IsFinished);
        Assert.True(job.IsStarted);
        Assert.Equal("stf042_auser", job.User);
        Assert.Equal(2, job.NodeCount);
        Assert.Equal(64, job.Cpus);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764330000), job.SubmitTime);
        Assert.Equal(TimeSpan.FromHours(1), job.TimeLimit);
        // Running: end_time is only the projected end, so elapsed counts to now.
        Assert.Equal(Now - DateTimeOffset.FromUnixTimeSeconds(1764330060), job.Elapsed);
        Assert.Equal(0, job.ExitCode);
        Assert.Equal("/ccs/home/auser", job.WorkingDirectory);
        Assert.Equal(1, job.Raw.GetProperty("newField").GetInt32());
    }

    [Theory]
    [InlineData("v0.0.42")]
    [InlineData("v0.0.43")]
    [InlineData("v0.0.44")]
    public void Accounting_shape(string version)
    {
        var job = SlurmJob.Read(Json(Accounting), "defiant", version, Now);
        Assert.Equal(4211, job.JobId);
        Assert.Equal("FAILED", job.State);
        Assert.Empty(job.StateFlags);
        Assert.Equal("NonZeroExitCode", job.StateReason);
        Assert.True(job.IsFinished);
        Assert.Equal("stf042_auser", job.User);
        Assert.Equal(1, job.NodeCount);
        Assert.Equal(8, job.Cpus);
        Assert.Equal(TimeSpan.FromSeconds(95), job.Elapsed);
        Assert.Equal(TimeSpan.FromMinutes(30), job.TimeLimit);
        Assert.Equal(3, job.ExitCode);
        Assert.Equal("/ccs/home/auser/o.txt", job.StandardOutput);
        Assert.Equal("/ccs/home/auser/e.txt", job.StandardError);
    }

    [Fact]
    public void Pending_job_with_unset_and_infinite_wrappers()
    {
        var job = SlurmJob.Read(Json("""
            {"job_id":"7","job_state":["PENDING"],"state_reason":"Priority","start_time":{},"end_time":{"set":false},
             "time_limit":{"set":true,"infinite":true},"node_count":{"infinite":true}}
            """), "odo", "v0.0.44", Now);
        Assert.Equal(7, job.JobId);
        Assert.Equal("PENDING", job.State);
        Assert.Equal("Priority", job.StateReason);
        Assert.False(job.IsStarted);
        Assert.Null(job.StartTime);
        Assert.Null(job.EndTime);
        Assert.Null(job.Elapsed);
        Assert.Equal(TimeSpan.MaxValue, job.TimeLimit);
        Assert.Null(job.NodeCount);
        Assert.Null(job.ExitCode);
    }

    [Theory]
    [InlineData("[\"RUNNING\",\"COMPLETING\"]", "RUNNING", "COMPLETING", true, false)]
    [InlineData("[\"COMPLETED\",\"COMPLETING\"]", "COMPLETED", "COMPLETING", true, true)]
    [InlineData("[\"CANCELLED\",\"COMPLETING\"]", "CANCELLED", "COMPLETING", true, true)]
    [InlineData("[\"PENDING\",\"REQUEUED\"]", "PENDING", "REQUEUED", false, false)]
    [InlineData("[\"COMPLETED\",\"RECONFIG_FAIL\"]", "COMPLETED", "RECONFIG_FAIL", true, true)]
    [InlineData("[\"COMPLETING\",\"RUNNING\"]", "RUNNING", "COMPLETING", true, false)]
    [InlineData("[\"PENDING\",\"REQUEUED\",\"COMPLETING\"]", "PENDING", "REQUEUED,COMPLETING", false, false)]
    public void Several_state_words_split_into_the_base_state_and_its_flags(string words, string state, string flags, bool started, bool finished)
    {
        foreach (var job in new[]
        {
            SlurmJob.Read(Json($$"""{"job_id":1,"job_state":{{words}}}"""), "odo", "v0.0.44", Now),
            SlurmJob.Read(Json($$$"""{"job_id":1,"state":{"current":{{{words}}}}}"""), "odo", "v0.0.44", Now),
        })
        {
            Assert.Equal(state, job.State);
            Assert.Equal(flags.Split(','), job.StateFlags);
            Assert.Equal(started, job.IsStarted);
            Assert.Equal(finished, job.IsFinished);
        }
    }

    [Fact]
    public void The_controller_shape_prefers_the_expanded_paths()
    {
        var expanded = SlurmJob.Read(Json("""
            {"job_id":4211,"job_state":["RUNNING"],"standard_output":"/ccs/home/auser/hello-%j.out","stdout_expanded":"/ccs/home/auser/hello-4211.out",
             "standard_error":"/ccs/home/auser/hello-%j.err","stderr_expanded":"/ccs/home/auser/hello-4211.err",
             "standard_input":"/dev/null","stdin_expanded":"/dev/null"}
            """), "odo", "v0.0.43", Now);
        var older = SlurmJob.Read(Json("""{"job_id":4211,"job_state":["RUNNING"],"standard_output":"/ccs/home/auser/hello-4211.out","standard_input":"/dev/null"}"""), "odo", "v0.0.42", Now);

        Assert.Equal("/ccs/home/auser/hello-4211.out", expanded.StandardOutput);
        Assert.Equal("/ccs/home/auser/hello-4211.err", expanded.StandardError);
        Assert.Equal("/dev/null", expanded.StandardInput);
        Assert.Equal("/ccs/home/auser/hello-4211.out", older.StandardOutput);
        Assert.Null(older.StandardError);
        Assert.Equal("/dev/null", older.StandardInput);
    }

    [Fact]
    public void A_bare_accounting_record_reads_with_null_times_not_zero()
    {
        var done = SlurmJob.Read(Json("""{"job_id":4211,"state":{"current":["COMPLETED"]},"time":{"start":"1764330060","end":"1764330155"}}"""), "odo", "v0.0.44", Now);
        var pending = SlurmJob.Read(Json("""{"job_id":4212,"state":{"current":["PENDING"],"reason":"Priority"},"time":{}}"""), "odo", "v0.0.44", Now);
        var noEnd = SlurmJob.Read(Json("""{"job_id":4213,"state":{"current":["FAILED"]},"time":{"start":"1764330060"}}"""), "odo", "v0.0.44", Now);

        Assert.Equal("COMPLETED", done.State);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764330060), done.StartTime);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764330155), done.EndTime);
        Assert.Equal(TimeSpan.FromSeconds(95), done.Elapsed);
        Assert.Null(done.SubmitTime);
        Assert.Null(done.TimeLimit);
        Assert.Null(done.ExitCode);
        Assert.Null(done.Cpus);
        Assert.Equal(0, done.NodeCount);
        Assert.Null(done.User);
        Assert.Null(pending.StartTime);
        Assert.Null(pending.EndTime);
        Assert.Null(pending.Elapsed);
        Assert.Equal("Priority", pending.StateReason);
        // Finished without an end: how long it ran is unknown, not zero.
        Assert.True(noEnd.IsFinished);
        Assert.Null(noEnd.EndTime);
        Assert.Null(noEnd.Elapsed);
    }

    [Fact]
    public void A_running_job_counts_elapsed_time_to_now()
    {
        var job = SlurmJob.Read(Json("""{"job_id":1,"job_state":["RUNNING"],"start_time":{"set":true,"number":"1764330000"}}"""), "odo", "v0.0.43", Now);
        Assert.Equal(Now - DateTimeOffset.FromUnixTimeSeconds(1764330000), job.Elapsed);
    }

    [Fact]
    public void Signalled_job_names_the_signal()
    {
        var job = SlurmJob.Read(Json("""
            {"job_id":9,"state":{"current":["CANCELLED"]},"exit_code":{"status":["SIGNALED"],"return_code":{"set":true},"signal":{"id":{"set":true,"number":9},"name":"SIGKILL"}}}
            """), "odo", "v0.0.44", Now);
        Assert.Equal("CANCELLED", job.State);
        Assert.Equal("SIGKILL", job.ExitSignal);
        Assert.True(job.IsFinished);
    }

    [Theory]
    [InlineData("COMPLETED", true)]
    [InlineData("FAILED", true)]
    [InlineData("CANCELLED", true)]
    [InlineData("TIMEOUT", true)]
    [InlineData("NODE_FAIL", true)]
    [InlineData("PREEMPTED", true)]
    [InlineData("BOOT_FAIL", true)]
    [InlineData("DEADLINE", true)]
    [InlineData("OUT_OF_MEMORY", true)]
    [InlineData("PENDING", false)]
    [InlineData("RUNNING", false)]
    [InlineData("SUSPENDED", false)]
    [InlineData("SOMETHING_NEW", false)]
    public void Knows_every_final_state(string state, bool final) => Assert.Equal(final, SlurmJob.IsFinal(state));

    [Theory]
    [InlineData("5", 5L)]
    [InlineData("\"5\"", 5L)]
    [InlineData("{\"set\":true,\"number\":5}", 5L)]
    [InlineData("{\"set\":true,\"number\":\"5\"}", 5L)]
    [InlineData("{\"set\":true}", 0L)]
    [InlineData("{\"number\":5}", 5L)]
    [InlineData("{\"set\":false,\"number\":5}", null)]
    [InlineData("{}", null)]
    [InlineData("{\"set\":true,\"infinite\":true}", long.MaxValue)]
    [InlineData("{\"infinite\":true}", long.MaxValue)]
    [InlineData("null", null)]
    [InlineData("\"x\"", null)]
    public void Number_wrappers(string json, long? expected) =>
        Assert.Equal(expected, Json($$"""{"n":{{json}}}""").Number("n"));

    [Theory]
    [InlineData("0.0.44", "v0.0.44")]
    [InlineData("V0.0.42", "v0.0.42")]
    [InlineData(" v0.0.43 ", "v0.0.43")]
    public void Versions_are_normalised(string given, string expected) => Assert.Equal(expected, SlurmApiVersions.Check(given, "ApiVersion"));

    [Theory]
    [InlineData("latest")]
    [InlineData("v0.0")]
    [InlineData("v0.0.44/../x")]
    [InlineData("")]
    public void Bad_versions_are_refused(string given) =>
        Assert.Equal("ApiVersion", Assert.Throws<S3M.Transport.S3mException>(() => SlurmApiVersions.Check(given, "ApiVersion")).ParameterName);

    [Fact]
    public void The_public_table_seeds_versions_and_overrides_win()
    {
        var versions = new SlurmApiVersions(new[] { new KeyValuePair<string, string>("odo", "0.0.43") });
        Assert.Equal("v0.0.43", versions.For("defiant"));
        Assert.Equal("v0.0.43", versions.For("odo"));
        Assert.Equal("v0.0.42", versions.For("WOMBAT"));
        Assert.Equal("v0.0.42", versions.For("quokka"));
        Assert.Equal("v0.0.43", versions.For("elsewhere"));
        Assert.Equal("v0.0.44", versions.For("wombat", "v0.0.44"));
        Assert.Equal("v0.0.44", new SlurmApiVersions().For("odo"));
        Assert.True(SlurmApiVersions.TakesJobsForm("v0.0.44"));
        Assert.False(SlurmApiVersions.TakesJobsForm("v0.0.43"));
    }

    [Fact]
    public void Slurm_paths_follow_the_route_table()
    {
        var options = new S3M.Transport.S3mClientOptions();
        Assert.Equal("/olcf/v1/slurm/open/v0.0.44/odo/job/submit", S3M.Transport.S3mRoutes.Slurm(options, "v0.0.44", "odo", S3M.Transport.S3mRoutes.SlurmSubmit));
        options.ComputePrefix = "/slurm";
        Assert.Equal("/slurm/open/v0.0.42/wombat/job/12", S3M.Transport.S3mRoutes.Slurm(options, "v0.0.42", "wombat", S3M.Transport.S3mRoutes.SlurmJob(12)));
        Assert.Throws<S3M.Transport.S3mException>(() => S3M.Transport.S3mRoutes.SlurmJob(1_000_000_000));
        Assert.Throws<S3M.Transport.S3mException>(() => S3M.Transport.S3mRoutes.SlurmJob(0));
        Assert.Throws<S3M.Transport.S3mException>(() => S3M.Transport.S3mRoutes.Slurm(options, "v0.0.42", "../x", "ping"));
    }

    /// <summary>The controller writes the comment as a string; accounting as {administrator, job, system}, the user's being job.</summary>
    [Theory]
    [InlineData("""{"job_id":1,"job_state":["PENDING"],"comment":"my run s3m:00112233aabbccdd"}""", "my run s3m:00112233aabbccdd")]
    [InlineData("""{"job_id":1,"state":{"current":["PENDING"]},"comment":{"job":"my run s3m:00112233aabbccdd","administrator":"moved","system":"held"}}""", "my run s3m:00112233aabbccdd")]
    [InlineData("""{"job_id":1,"state":{"current":["PENDING"]},"comment":{"administrator":"moved"}}""", null)]
    [InlineData("""{"job_id":1,"job_state":["PENDING"],"comment":""}""", null)]
    [InlineData("""{"job_id":1,"job_state":["PENDING"]}""", null)]
    public void Comment_of_either_shape(string json, string? comment)
    {
        Assert.Equal(comment, SlurmJob.Read(Json(json), "odo", "v0.0.44", Now).Comment);
    }
}
