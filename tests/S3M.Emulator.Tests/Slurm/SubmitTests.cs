using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using S3M.Emulator.Tests.Support;

namespace S3M.Emulator.Tests.Slurm;

/// <summary>Submitting: both body forms, the answer, IDs, defaults and the warning a client must pass on.</summary>
public sealed class SubmitTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    private string Token => Emulator.MintToken("stf042", ["compute-ace"]).Token;

    [Theory]
    [InlineData("v0.0.42", "defiant")]
    [InlineData("v0.0.43", "defiant")]
    [InlineData("v0.0.43", "odo")]
    [InlineData("v0.0.44", "odo")]
    [InlineData("v0.0.42", "wombat")]
    [InlineData("v0.0.42", "quokka")]
    public async Task TheJobFormIsAcceptedByEveryVersion(string version, string resource)
    {
        var answer = await Http.SubmitAsync(Token, version, resource, SlurmCalls.JobForm(SlurmCalls.Job()));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var json = answer.Json;
        Assert.Equal(4200, json.GetProperty("job_id").GetInt32());
        Assert.Equal("batch", json.GetProperty("step_id").GetString());
        Assert.Contains("4200", json.GetProperty("job_submit_user_msg").GetString());
        Assert.Empty(answer.Errors());
        Assert.Equal($"data_parser/{version}", json.GetProperty("meta").GetProperty("plugin").GetProperty("data_parser").GetString());
        Assert.Equal(resource, json.GetProperty("meta").GetProperty("slurm").GetProperty("cluster").GetString());
    }

    [Fact]
    public async Task V44TakesTheScriptAndJobsForm()
    {
        var answer = await Http.SubmitAsync(Token, "v0.0.44", "odo", SlurmCalls.JobsForm(SlurmCalls.Job("#!/bin/bash\nsleep 7\n")));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var id = answer.Json.GetProperty("job_id").GetInt32();
        var job = await Http.AccountingJobAsync(Token, "v0.0.44", "odo", id);
        Assert.Equal("#!/bin/bash\nsleep 7\n", job.GetProperty("script").GetString());
        Assert.Equal("hello", job.GetProperty("name").GetString());
    }

    [Fact]
    public async Task JobIdsCountUpPerResource()
    {
        var first = await Http.SubmitOkAsync(Token, "v0.0.44", "odo");
        var second = await Http.SubmitOkAsync(Token, "v0.0.43", "odo");
        var elsewhere = await Http.SubmitOkAsync(Token, "v0.0.43", "defiant");

        Assert.Equal([4200, 4201, 4200], [first, second, elsewhere]);
    }

    [Fact]
    public async Task ConcurrentSubmissionsGetDistinctIds()
    {
        var token = Token;

        var ids = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Http.SubmitOkAsync(token, "v0.0.44", "odo")));

        Assert.Equal(Enumerable.Range(4200, 20), ids.Order());
        Assert.Equal(20, (await Http.ControllerJobsAsync(token, "v0.0.44", "odo")).Length);
    }

    [Fact]
    public async Task NoTimeLimitWarnsAndUsesThePartitionDefault()
    {
        var answer = await Http.SubmitAsync(Token, "v0.0.44", "odo", SlurmCalls.JobForm(SlurmCalls.Job()));

        var warning = Assert.Single(answer.Json.List("warnings"));
        Assert.Contains("no time limit given", warning.GetProperty("description").GetString());
        var job = await Http.ControllerJobAsync(Token, "v0.0.44", "odo", answer.Json.GetProperty("job_id").GetInt32());
        Assert.Equal(60, job.GetProperty("time_limit").Number());
    }

    [Fact]
    public async Task AGivenTimeLimitIsKeptWithoutWarning()
    {
        var job = SlurmCalls.Job().With("time_limit", SlurmCalls.Wrapped(45)).With("partition", "debug");

        var answer = await Http.SubmitAsync(Token, "v0.0.43", "defiant", SlurmCalls.JobForm(job));

        Assert.Empty(answer.Json.List("warnings"));
        var listed = await Http.ControllerJobAsync(Token, "v0.0.43", "defiant", answer.Json.GetProperty("job_id").GetInt32());
        Assert.Equal(45, listed.GetProperty("time_limit").Number());
        Assert.Equal("debug", listed.GetProperty("partition").GetString());
    }

    [Fact]
    public async Task WrappedAndPlainNumbersMayArriveAsStrings()
    {
        var job = SlurmCalls.Job()
            .With("time_limit", new JsonObject { ["set"] = true, ["number"] = "30" })
            .With("memory_per_node", SlurmCalls.Wrapped("4096"))
            .With("tasks", "4")
            .With("cpus_per_task", 2);

        var id = await Http.SubmitOkAsync(Token, "v0.0.44", "odo", job);

        var accounted = await Http.AccountingJobAsync(Token, "v0.0.44", "odo", id);
        Assert.Equal(30, accounted.GetProperty("time").GetProperty("limit").Number());
        Assert.Equal(8, accounted.GetProperty("required").GetProperty("CPUs").GetInt32());
        Assert.Equal(4096, accounted.GetProperty("required").GetProperty("memory_per_node").Number());
    }

    [Fact]
    public async Task DefaultsFillWhatTheJobLeftOut()
    {
        var id = await Http.SubmitOkAsync(Token, "v0.0.44", "odo", SlurmCalls.Job().Without("name"));

        var job = await Http.ControllerJobAsync(Token, "v0.0.44", "odo", id);
        Assert.Equal("stf042", job.GetProperty("account").GetString());
        Assert.Equal("batch", job.GetProperty("partition").GetString());
        Assert.Equal("stf042_auser", job.GetProperty("user_name").GetString());
        Assert.Equal("/ccs/home/stf042_auser", job.GetProperty("current_working_directory").GetString());
        Assert.Equal("/ccs/home/stf042_auser/slurm-%j.out", job.GetProperty("standard_output").GetString());
        Assert.Equal($"/ccs/home/stf042_auser/slurm-{id}.out", job.GetProperty("stdout_expanded").GetString());
        Assert.Equal("/dev/null", job.GetProperty("stdin_expanded").GetString());
        Assert.Equal(1, job.GetProperty("node_count").Number());
    }

    [Theory]
    [InlineData("v0.0.42", "defiant")]
    [InlineData("v0.0.43", "defiant")]
    [InlineData("v0.0.44", "odo")]
    public async Task OutputPatternsAreExpandedWhereTheVersionHasExpandedFields(string version, string resource)
    {
        var job = SlurmCalls.Job().With("current_working_directory", "/lustre/stf042").With("standard_output", "%x-%j.out").With("standard_error", "err-%u.txt");

        var id = await Http.SubmitOkAsync(Token, version, resource, job);

        var expanded = $"/lustre/stf042/hello-{id}.out";
        var accounted = await Http.AccountingJobAsync(Token, version, resource, id);
        Assert.Equal("/lustre/stf042/%x-%j.out", accounted.GetProperty("stdout").GetString());
        Assert.Equal(expanded, accounted.GetProperty("stdout_expanded").GetString());
        Assert.Equal("/lustre/stf042/err-stf042_auser.txt", accounted.GetProperty("stderr_expanded").GetString());
        Assert.Equal("/dev/null", accounted.GetProperty("stdin_expanded").GetString());
        var listed = await Http.ControllerJobAsync(Token, version, resource, id);
        if (version == "v0.0.42")
        {
            // No expanded fields yet: the plain one carries the expanded path.
            Assert.Equal(expanded, listed.GetProperty("standard_output").GetString());
            Assert.False(listed.Has("stdout_expanded"));
        }
        else
        {
            Assert.Equal("/lustre/stf042/%x-%j.out", listed.GetProperty("standard_output").GetString());
            Assert.Equal(expanded, listed.GetProperty("stdout_expanded").GetString());
            Assert.Equal("/lustre/stf042/err-stf042_auser.txt", listed.GetProperty("stderr_expanded").GetString());
        }
    }

    [Fact]
    public async Task TheWithStorageHeaderIsAcceptedAndChangesNothing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, SlurmCalls.Path("v0.0.44", "odo", "job/submit"));
        request.Headers.TryAddWithoutValidation("Authorization", Token);
        request.Headers.TryAddWithoutValidation("x-s3m-withstorage", "true");
        request.Content = new StringContent(SlurmCalls.JobForm(SlurmCalls.Job()), System.Text.Encoding.UTF8, "application/json");

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(4200, json.RootElement.GetProperty("job_id").GetInt32());
    }

    [Fact]
    public async Task MoreNodesGetANodeListAndWholeNodesOfCpus()
    {
        var id = await Http.SubmitOkAsync(Token, "v0.0.44", "odo", SlurmCalls.Job().With("nodes", "2"));
        await Http.AdvanceClockAsync(TimeSpan.FromSeconds(2));

        var job = await Http.ControllerJobAsync(Token, "v0.0.44", "odo", id);

        Assert.Equal("odo[01-02]", job.GetProperty("nodes").GetString());
        Assert.Equal(2, job.GetProperty("node_count").Number());
        Assert.Equal(2 * 56, job.GetProperty("cpus").Number());
        Assert.Equal("odo01", job.GetProperty("batch_host").GetString());
    }

    /// <summary>The comment comes back whole: a string in the controller's list, {"job": ...} in accounting (the user's of its three).</summary>
    [Theory]
    [InlineData("v0.0.42", "wombat")]
    [InlineData("v0.0.43", "defiant")]
    [InlineData("v0.0.44", "odo")]
    public async Task TheCommentComesBackInBothShapes(string version, string resource)
    {
        const string comment = "calibration (2 of 3) * é s3m:00112233aabbccdd";
        var token = Token;
        var id = await Http.SubmitOkAsync(token, version, resource, SlurmCalls.Job().With("comment", comment));

        var listed = await Http.ControllerJobAsync(token, version, resource, id);
        var accounted = await Http.AccountingJobAsync(token, version, resource, id);

        Assert.Equal(comment, listed.GetProperty("comment").GetString());
        Assert.Equal(comment, accounted.GetProperty("comment").GetProperty("job").GetString());
    }
}
