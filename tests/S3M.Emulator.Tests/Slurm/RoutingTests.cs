using System.Net;
using S3M.Emulator.Tests.Support;

namespace S3M.Emulator.Tests.Slurm;

/// <summary>Paths, versions, scopes and projects: what the gateway checks before Slurm sees anything.</summary>
public sealed class RoutingTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    public static TheoryData<string, string> Reads()
    {
        var data = new TheoryData<string, string>();
        foreach (var prefix in new[] { SlurmCalls.Prefix, SlurmCalls.OtherPrefix })
        {
            foreach (var tail in new[] { "ping", "partitions", "nodes", "reservations", "diag", "jobs" })
            {
                data.Add(prefix, tail);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task EveryReadAnswersUnderBothPrefixes(string prefix, string tail)
    {
        var token = Emulator.MintToken("stf042", ["compute-ace-readonly"]).Token;

        var answer = await Http.FetchAsync(SlurmCalls.Path("v0.0.43", "defiant", tail, prefix), token);

        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
        Assert.True(answer.Json.Has("meta"));
        Assert.Empty(answer.Json.List("errors"));
        Assert.Empty(answer.Json.List("warnings"));
    }

    [Fact]
    public async Task SubmitReadAndCancelWorkUnderTheShortPrefix()
    {
        var token = Emulator.MintToken("stf042", ["compute-ace"]).Token;
        var submitted = await Http.SendAsync(
            HttpMethod.Post, SlurmCalls.Path("v0.0.44", "odo", "job/submit", SlurmCalls.OtherPrefix), token, SlurmCalls.JobForm(SlurmCalls.Job()));
        var id = submitted.Json.GetProperty("job_id").GetInt32();

        var read = await Http.FetchAsync(SlurmCalls.Path("v0.0.44", "odo", $"job/{id}", SlurmCalls.OtherPrefix), token);
        var cancelled = await Http.SendAsync(HttpMethod.Delete, SlurmCalls.Path("v0.0.44", "odo", $"job/{id}", SlurmCalls.OtherPrefix), token);

        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(HttpStatusCode.OK, cancelled.Status);
        Assert.Equal("CANCELLED", (await Http.AccountingJobAsync(token, "v0.0.44", "odo", id)).State());
    }

    [Theory]
    [InlineData("v0.0.42", "odo")]
    [InlineData("v0.0.44", "defiant")]
    [InlineData("v0.0.43", "wombat")]
    [InlineData("v0.0.41", "odo")]
    [InlineData("latest", "odo")]
    [InlineData("v0.0.43", "frontier")]
    [InlineData("v0.0.43", "nosuch")]
    public async Task AVersionTheResourceDoesNotServeIsNotFound(string version, string resource)
    {
        var token = Emulator.MintToken("stf042", ["compute-ace"]).Token;

        var read = await Http.FetchAsync(SlurmCalls.Path(version, resource, "ping"), token);
        var submit = await Http.SubmitAsync(token, version, resource, SlurmCalls.JobForm(SlurmCalls.Job()));

        read.AssertGrpcError(HttpStatusCode.NotFound, 5);
        submit.AssertGrpcError(HttpStatusCode.NotFound, 5);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1234567890")]
    [InlineData("-5")]
    [InlineData("12a")]
    [InlineData("submit")]
    public async Task AJobIdMustBeFewerThanTenDigits(string jobId)
    {
        var token = Emulator.MintToken("stf042", ["compute-ace"]).Token;

        var read = await Http.FetchAsync(SlurmCalls.Path("v0.0.44", "odo", $"job/{jobId}"), token);
        var cancel = await Http.SendAsync(HttpMethod.Delete, SlurmCalls.Path("v0.0.44", "odo", $"job/{jobId}"), token);

        Assert.Contains("job_id", read.AssertGrpcError(HttpStatusCode.BadRequest, 3));
        Assert.Contains("job_id", cancel.AssertGrpcError(HttpStatusCode.BadRequest, 3));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.NotFound)]
    [InlineData("status", HttpStatusCode.NotFound)]
    [InlineData("ok", HttpStatusCode.OK)]
    public async Task NineDigitsAreAJobIdThatMayNotExist(string? refusals, HttpStatusCode status)
    {
        var token = Emulator.MintToken("stf042", ["compute-ace"]).Token;
        if (refusals is not null)
        {
            await Http.SetSlurmRefusalsAsync(refusals);
        }

        var answer = await Http.FetchAsync(SlurmCalls.Path("v0.0.44", "odo", "job/123456789"), token);

        // slurmrestd answers ESLURM_INVALID_JOB_ID with 404, in the envelope of a 200; "ok" sends it as 200.
        Assert.Equal(status, answer.Status);
        var error = Assert.Single(answer.Errors());
        Assert.Equal(2017, error.GetProperty("error_number").GetInt32());
        Assert.Contains("Job not found", error.GetProperty("description").GetString());
        Assert.True(answer.Json.Has("meta"));
        Assert.False(answer.Json.Has("jobs"));
    }

    [Fact]
    public async Task TheRefusalModeIsShownRefusedWhenUnknownAndResetToStatus()
    {
        Assert.Equal("status", (await Http.ControlAsync(HttpMethod.Get, "slurm")).Json.GetProperty("refusals").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.ControlAsync(HttpMethod.Post, "slurm", new { refusals = "200" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.ControlAsync(HttpMethod.Post, "slurm", new { })).Status);

        await Http.SetSlurmRefusalsAsync("ok");
        Assert.Equal("ok", (await Http.ControlAsync(HttpMethod.Get, "slurm")).Json.GetProperty("refusals").GetString());
        await Http.ResetAsync();
        Assert.Equal("status", (await Http.ControlAsync(HttpMethod.Get, "slurm")).Json.GetProperty("refusals").GetString());
    }

    [Fact]
    public async Task TheEnclaveMustBeTheTokens()
    {
        var token = Emulator.MintToken("stf042", ["compute-ace"]).Token;

        var answer = await Http.FetchAsync(SlurmCalls.Path("v0.0.44", "odo", "ping", enclave: "moderate"), token);

        Assert.Contains("enclave", answer.AssertGrpcError(HttpStatusCode.Forbidden, 7));
    }

    [Fact]
    public async Task AModerateTokenWorksInTheModerateEnclave()
    {
        var token = Emulator.MintToken("stf042", ["compute-ace"], enclave: "moderate").Token;

        var answer = await Http.FetchAsync(SlurmCalls.Path("v0.0.44", "odo", "ping", enclave: "moderate"), token);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Fact]
    public async Task AReadOnlyTokenReadsButCannotSubmitOrCancel()
    {
        var full = Emulator.MintToken("stf042", ["compute-ace"]).Token;
        var readOnly = Emulator.MintToken("stf042", ["compute-ace-readonly"]).Token;
        var id = await Http.SubmitOkAsync(full, "v0.0.44", "odo");

        var submit = await Http.SubmitAsync(readOnly, "v0.0.44", "odo", SlurmCalls.JobForm(SlurmCalls.Job()));
        var cancel = await Http.CancelAsync(readOnly, "v0.0.44", "odo", id);
        var read = await Http.AccountingJobAsync(readOnly, "v0.0.44", "odo", id);

        Assert.Contains("'compute-ace'", submit.AssertGrpcError(HttpStatusCode.Forbidden, 7));
        Assert.DoesNotContain("readonly", submit.Json.GetProperty("message").GetString());
        Assert.Contains("'compute-ace'", cancel.AssertGrpcError(HttpStatusCode.Forbidden, 7));
        Assert.Equal("PENDING", read.State());
        Assert.Single(await Http.ControllerJobsAsync(full, "v0.0.44", "odo"));
    }

    [Fact]
    public async Task AStreamingTokenCannotReadSlurm()
    {
        var token = Emulator.MintToken("stf042", ["data-streaming"]).Token;

        var answer = await Http.FetchAsync(SlurmCalls.Path("v0.0.44", "odo", "jobs"), token);

        Assert.Contains("'compute-ace-readonly'", answer.AssertGrpcError(HttpStatusCode.Forbidden, 7));
    }

    [Fact]
    public async Task NoTokenIsUnauthenticated()
    {
        var answer = await Http.FetchAsync(SlurmCalls.Path("v0.0.44", "odo", "ping"));

        answer.AssertGrpcError(HttpStatusCode.Unauthorized, 16);
    }

    [Fact]
    public async Task AnotherProjectsJobIsNotFoundAndNotListed()
    {
        var mine = Emulator.MintToken("stf042", ["compute-ace"]).Token;
        var theirs = Emulator.MintToken("csc100", ["compute-ace"]).Token;
        var id = await Http.SubmitOkAsync(mine, "v0.0.44", "odo");

        var read = await Http.FetchAsync(SlurmCalls.Path("v0.0.44", "odo", $"job/{id}"), theirs);
        var cancel = await Http.CancelAsync(theirs, "v0.0.44", "odo", id);

        read.AssertGrpcError(HttpStatusCode.NotFound, 5);
        cancel.AssertGrpcError(HttpStatusCode.NotFound, 5);
        Assert.Empty(await Http.ControllerJobsAsync(theirs, "v0.0.44", "odo"));
        Assert.Equal("PENDING", (await Http.AccountingJobAsync(mine, "v0.0.44", "odo", id)).State());
    }

    [Fact]
    public async Task AJobIsSeenThroughEveryVersionOfItsResourceOnly()
    {
        var token = Emulator.MintToken("stf042", ["compute-ace"]).Token;
        var id = await Http.SubmitOkAsync(token, "v0.0.44", "odo");

        Assert.Single(await Http.ControllerJobsAsync(token, "v0.0.43", "odo"));
        Assert.Empty(await Http.ControllerJobsAsync(token, "v0.0.43", "defiant"));
        var elsewhere = await Http.FetchAsync(SlurmCalls.Path("v0.0.43", "defiant", $"job/{id}"), token);
        Assert.Equal(2017, Assert.Single(elsewhere.Errors()).GetProperty("error_number").GetInt32());
    }

    [Fact]
    public async Task SlurmRequestsAreLoggedAndFaultsApply()
    {
        var token = Emulator.MintToken("stf042", ["compute-ace"]).Token;
        var path = SlurmCalls.Path("v0.0.44", "odo", "ping");
        await Http.ArmFaultAsync(new { path, status = 503, retryAfter = "1" });

        var faulted = await Http.FetchAsync(path, token);
        var next = await Http.FetchAsync(path, token);

        faulted.AssertGrpcError(HttpStatusCode.ServiceUnavailable, 14);
        Assert.Equal(HttpStatusCode.OK, next.Status);
        var logged = await Http.LoggedRequestsAsync();
        Assert.Equal([503, 200], logged.Select(r => r.GetProperty("status").GetInt32()));
    }

    [Fact]
    public async Task WrongMethodIsAGrpcError()
    {
        var token = Emulator.MintToken("stf042", ["compute-ace"]).Token;

        var answer = await Http.SendAsync(HttpMethod.Post, SlurmCalls.Path("v0.0.44", "odo", "jobs"), token);

        answer.AssertGrpcError(HttpStatusCode.MethodNotAllowed, 12);
    }
}
