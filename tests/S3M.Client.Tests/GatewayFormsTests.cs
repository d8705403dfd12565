using S3M.Streaming;
using S3M.Transport;
using static S3M.Client.Tests.Faults.FaultKit;

namespace S3M.Client.Tests;

/// <summary>
/// Answers the real gateway may give in either of two forms (issue 12): a delete refused as
/// <c>{}</c> or <c>{"success":false}</c>; Slurm's refusals under slurmrestd's HTTP status or as
/// 200; a cancel's per-job errors. The emulator gives each form on demand; the client reads both.
/// </summary>
public class GatewayFormsTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private readonly EmulatorFixture _emu;

    public GatewayFormsTests(EmulatorFixture emu) { _emu = emu; }

    public Task InitializeAsync() => _emu.Reset();
    public Task DisposeAsync() => Task.CompletedTask;

    private S3mClient Client() => _emu.Connect().Client;

    [Theory]
    [InlineData("omitted", "{}")]
    [InlineData("false", "{\"success\":false}")]
    public async Task A_delete_answered_without_success_true_is_an_error_naming_the_cluster(string refusal, string said)
    {
        var client = Client();
        await client.Streaming.ProvisionAsync(new ProvisionRequest { Engine = StreamingEngine.Redis, Name = "sticky01", Kind = "general" }, default);
        await _emu.RefuseDelete("redis", "sticky01", refusal);
        var path = S3mRoutes.Streaming(client.Options, S3mRoutes.StreamingCluster("redis", "sticky01"));

        var (e, _) = await Fails(() => client.Streaming.DeleteAsync(StreamingEngine.Redis, "sticky01", default));

        AssertClear(e, S3mErrorKind.Unavailable, "DELETE", path, 200);
        Assert.Contains("Redis cluster sticky01", e.Message);
        Assert.Contains(said, e.Message);
        Assert.Contains("may still exist", e.Message);
        Assert.Equal(said, e.ServerMessage);
        Assert.Equal(200, e.StatusCode);
        // Asked once (a refusal is an answer, not a lost one), and the cluster is still there.
        Assert.Equal(1, await _emu.CountLogged("DELETE", path));
        Assert.Equal("sticky01", (await client.Streaming.GetClusterAsync(StreamingEngine.Redis, "sticky01", default)).Name);
    }

    [Fact]
    public async Task A_delete_answered_success_true_is_done()
    {
        var client = Client();
        await client.Streaming.ProvisionAsync(new ProvisionRequest { Engine = StreamingEngine.Redis, Name = "goes01", Kind = "general" }, default);

        await client.Streaming.DeleteAsync(StreamingEngine.Redis, "goes01", default);

        Assert.DoesNotContain(await client.Streaming.GetClustersAsync(StreamingEngine.Redis, default), c => c.Name == "goes01");
    }

    [Theory]
    [InlineData("status", 404)]
    [InlineData("ok", 200)]
    public async Task An_unknown_job_is_not_found_in_Slurms_words_whatever_the_status(string refusals, int status)
    {
        await _emu.SetSlurmRefusals(refusals);
        var client = Client();
        var path = S3mRoutes.Slurm(client.Options, "v0.0.44", "odo", S3mRoutes.SlurmJob(4242));

        var (e, _) = await Fails(() => client.Slurm.GetJobAsync("odo", "v0.0.44", 4242, default));

        // A 200 is no news in the message; any other status is.
        AssertClear(e, S3mErrorKind.NotFound, "GET", path, status == 200 ? null : status);
        Assert.Equal(status, e.StatusCode);
        Assert.Contains("Invalid job id specified", e.Message);
        Assert.Contains("[error 2017]", e.Message);
        Assert.Contains("Job not found", e.ServerMessage);
    }

    [Theory]
    [InlineData("status", 500)]
    [InlineData("ok", 200)]
    public async Task A_job_Slurm_refuses_is_a_Slurm_error_in_its_words_whatever_the_status(string refusals, int status)
    {
        await _emu.SetSlurmRefusals(refusals);
        var client = Client();
        var job = S3M.Slurm.SbatchScript.Parse("#!/bin/bash\n#SBATCH --partition=gpu\n#SBATCH --time=5\nsleep 1\n", false, "Script");
        var plan = client.Slurm.PlanSubmission("odo", job, "v0.0.44");

        var (e, _) = await Fails(() => client.Slurm.SubmitAsync(plan, default));

        AssertClear(e, S3mErrorKind.SlurmError, "POST", plan.Path, status == 200 ? null : status);
        Assert.Equal(status, e.StatusCode);
        Assert.Contains("Invalid partition name specified", e.Message);
        Assert.Contains("[error 2000]", e.Message);
        Assert.Contains("partition \"gpu\"", e.ServerMessage);
        // A refusal is an answer: the submit was sent once, and no job was made.
        Assert.Equal(1, await _emu.CountLogged("POST", plan.Path));
        Assert.Empty((await client.Slurm.GetJobsAsync("odo", "v0.0.44", default)).Value);
    }

    [Fact]
    public async Task A_cancel_of_an_unknown_job_is_not_found()
    {
        var client = Client();
        var path = S3mRoutes.Slurm(client.Options, "v0.0.43", "defiant", S3mRoutes.SlurmJob(4299));

        var (e, _) = await Fails(() => client.Slurm.CancelAsync("defiant", "v0.0.43", 4299, null, default));

        AssertClear(e, S3mErrorKind.NotFound, "DELETE", path, null);
        Assert.Equal(200, e.StatusCode);
        Assert.Contains("job 4299", e.Message);
        Assert.Equal(1, await _emu.CountLogged("DELETE", path));
    }

    [Fact]
    public async Task A_cancel_of_a_job_already_done_is_still_a_Slurm_error_when_no_answer_was_lost()
    {
        var client = Client();
        var job = await Submit(client, "defiant", "v0.0.43", "twice", sleep: 300);
        await client.Slurm.CancelAsync("defiant", "v0.0.43", job.JobId, null, default);

        var (e, _) = await Fails(() => client.Slurm.CancelAsync("defiant", "v0.0.43", job.JobId, null, default));

        Assert.Equal(S3mErrorKind.SlurmError, e.Kind);
        Assert.Contains("already", e.Message);
    }
}
