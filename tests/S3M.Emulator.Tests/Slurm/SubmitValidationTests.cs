using System.Net;
using System.Text.Json.Nodes;
using S3M.Emulator.Tests.Support;

namespace S3M.Emulator.Tests.Slurm;

/// <summary>
/// Who refuses what: the gateway refuses bodies that do not fit its message (400, gRPC code 3);
/// Slurm refuses jobs it cannot run (<c>errors[]</c> and no job, under slurmrestd's 500, or 200 when told).
/// </summary>
public sealed class SubmitValidationTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    private const string Script = "#!/bin/bash\\nsleep 1\\n";
    private const string Env = "\"environment\":[\"PATH=/bin\"]";

    private string Token => Emulator.MintToken("stf042", ["compute-ace"]).Token;

    [Theory]
    [InlineData("v0.0.44", "", "JSON object")]
    [InlineData("v0.0.44", "not json", "not JSON")]
    [InlineData("v0.0.44", "[]", "JSON object")]
    [InlineData("v0.0.44", "\"job\"", "JSON object")]
    [InlineData("v0.0.44", "{\"job\":{\"script\":\"" + Script + "\"," + Env + "},\"extra\":1}", "\"extra\"")]
    [InlineData("v0.0.44", "{\"job\":{\"script\":\"" + Script + "\"," + Env + ",\"array\":\"1-3\"}}", "\"array\"")]
    [InlineData("v0.0.44", "{\"job\":{\"script\":\"" + Script + "\"," + Env + ",\"gres\":\"gpu:1\"}}", "\"gres\"")]
    [InlineData("v0.0.44", "{\"job\":{\"script\":\"" + Script + "\"},\"jobs\":[{" + Env + "}]}", "not both")]
    [InlineData("v0.0.44", "{\"script\":\"" + Script + "\",\"jobs\":[]}", "exactly one")]
    [InlineData("v0.0.44", "{\"script\":\"" + Script + "\",\"jobs\":[{" + Env + "},{" + Env + "}]}", "exactly one")]
    [InlineData("v0.0.44", "{\"script\":\"" + Script + "\",\"jobs\":{" + Env + "}}", "exactly one")]
    [InlineData("v0.0.44", "{\"script\":\"" + Script + "\",\"job\":{" + Env + "}}", "top-level \\\"script\\\"")]
    [InlineData("v0.0.44", "{\"jobs\":[{" + Env + "}]}", "no script")]
    [InlineData("v0.0.44", "{\"job\":{" + Env + "}}", "no script")]
    [InlineData("v0.0.44", "{\"job\":{\"script\":\"\"," + Env + "}}", "no script")]
    [InlineData("v0.0.44", "{}", "needs \\\"job\\\"")]
    [InlineData("v0.0.43", "{\"script\":\"" + Script + "\",\"jobs\":[{" + Env + "}]}", "\"script\"")]
    [InlineData("v0.0.42", "{\"jobs\":[{\"script\":\"" + Script + "\"," + Env + "}]}", "\"jobs\"")]
    [InlineData("v0.0.43", "{}", "needs a \\\"job\\\"")]
    [InlineData("v0.0.44", "{\"job\":[]}", "must be an object")]
    [InlineData("v0.0.44", "{\"job\":{\"script\":\"" + Script + "\"," + Env + ",\"time_limit\":60}}", "time_limit")]
    [InlineData("v0.0.44", "{\"job\":{\"script\":\"" + Script + "\"," + Env + ",\"time_limit\":{\"set\":true,\"number\":\"soon\"}}}", "time_limit")]
    [InlineData("v0.0.44", "{\"job\":{\"script\":\"" + Script + "\"," + Env + ",\"time_limit\":{\"set\":true,\"number\":-5}}}", "time_limit")]
    [InlineData("v0.0.44", "{\"job\":{\"script\":\"" + Script + "\"," + Env + ",\"time_limit\":{\"set\":true,\"minutes\":5}}}", "time_limit")]
    [InlineData("v0.0.44", "{\"job\":{\"script\":\"" + Script + "\"," + Env + ",\"tasks\":\"many\"}}", "tasks")]
    [InlineData("v0.0.44", "{\"job\":{\"script\":\"" + Script + "\"," + Env + ",\"tasks\":2.5}}", "tasks")]
    [InlineData("v0.0.44", "{\"job\":{\"script\":\"" + Script + "\",\"environment\":\"PATH=/bin\"}}", "environment")]
    [InlineData("v0.0.44", "{\"job\":{\"script\":\"" + Script + "\"," + Env + ",\"name\":42}}", "name")]
    [InlineData("v0.0.44", "{\"job\":{\"script\":\"" + Script + "\"," + Env + ",\"wait_all_nodes\":\"yes\"}}", "wait_all_nodes")]
    public async Task TheGatewayRefusesBodiesThatDoNotFit(string version, string body, string expected)
    {
        var resource = version == "v0.0.42" ? "wombat" : "odo";

        var answer = await Http.SubmitAsync(Token, version, resource, body);

        var message = answer.AssertGrpcError(HttpStatusCode.BadRequest, 3);
        Assert.Contains(expected.Replace("\\\"", "\""), message);
        Assert.Empty(await Http.ControllerJobsAsync(Token, version, resource));
    }

    [Fact]
    public async Task EveryAcceptedFieldPassesTheGateway()
    {
        var job = SlurmCalls.Job()
            .With("account", "stf042").With("begin_time", SlurmCalls.Wrapped(0)).With("comment", "all fields")
            .With("licenses", "").With("tasks", 2).With("partition", "batch").With("distribution_plane_size", SlurmCalls.Wrapped(2))
            .With("priority", SlurmCalls.Wrapped(100)).With("qos", "normal").With("reservation", "")
            .With("time_limit", SlurmCalls.Wrapped(10)).With("time_minimum", SlurmCalls.Wrapped(5)).With("wait_all_nodes", true)
            .With("current_working_directory", "/tmp").With("cpus_per_task", 1).With("minimum_cpus", 2).With("maximum_cpus", 4)
            .With("nodes", "1-2").With("minimum_nodes", 1).With("maximum_nodes", 2).With("minimum_boards_per_node", 1)
            .With("minimum_sockets_per_board", 1).With("sockets_per_node", 1).With("threads_per_core", 1).With("tasks_per_node", 2)
            .With("tasks_per_socket", 2).With("tasks_per_core", 1).With("tasks_per_board", 2).With("ntasks_per_tres", 1)
            .With("minimum_cpus_per_node", 1).With("memory_per_cpu", SlurmCalls.Wrapped(1024)).With("memory_per_node", SlurmCalls.Wrapped("2048"))
            .With("standard_input", "/dev/null").With("standard_output", "out.txt").With("standard_error", "err.txt");

        var id = await Http.SubmitOkAsync(Token, "v0.0.44", "odo", job);

        Assert.Equal(4200, id);
    }

    [Theory]
    [InlineData("partition", "\"gpu\"", 2000, "partition \"gpu\"")]
    [InlineData("account", "\"csc100\"", 2045, "csc100")]
    [InlineData("time_limit", "{\"set\":true,\"number\":2881}", 2051, "2880")]
    [InlineData("time_limit", "{\"set\":true,\"infinite\":true}", 2051, "UNLIMITED")]
    [InlineData("environment", "[]", 2127, "without an environment")]
    [InlineData("environment", "null", 2127, "without an environment")]
    [InlineData("script", "\"sleep 3\"", 2009, "#!")]
    [InlineData("nodes", "\"5\"", 2006, "node count")]
    [InlineData("nodes", "\"lots\"", 2006, "node count")]
    public async Task SlurmRefusesJobsItCannotRunWithErrors(string field, string json, int errorNumber, string expected)
    {
        var job = SlurmCalls.Job().With(field, JsonNode.Parse(json));

        var answer = await Http.SubmitAsync(Token, "v0.0.44", "odo", SlurmCalls.JobForm(job));

        // slurmrestd answers an error of slurmctld's with 500, in the envelope of a 200.
        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        var error = Assert.Single(answer.Errors());
        Assert.Equal(errorNumber, error.GetProperty("error_number").GetInt32());
        Assert.Contains(expected, error.GetProperty("description").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error").GetString()));
        Assert.False(answer.Json.Has("job_id"));
        Assert.True(answer.Json.Has("meta"));
        Assert.Empty(await Http.ControllerJobsAsync(Token, "v0.0.44", "odo"));
    }

    [Theory]
    [InlineData("comment", 1025, 1024)]
    [InlineData("name", 1025, 1024)]
    [InlineData("standard_output", 4097, 4096)]
    [InlineData("current_working_directory", 4097, 4096)]
    public async Task ATextPastItsLimitIsRefusedAsSlurmctldDoes(string field, int bytes, int most)
    {
        // Two-byte characters: slurmctld counts bytes (strlen), not characters.
        var job = SlurmCalls.Job().With(field, "/" + new string('\u00e9', (bytes - 1) / 2) + (bytes % 2 == 0 ? "x" : ""));

        var answer = await Http.SubmitAsync(Token, "v0.0.44", "odo", SlurmCalls.JobForm(job));

        var error = Assert.Single(answer.Errors());
        Assert.Equal(2012, error.GetProperty("error_number").GetInt32());
        Assert.Equal($"strlen({field}) too big ({bytes} > {most})", error.GetProperty("description").GetString());
        Assert.Empty(await Http.ControllerJobsAsync(Token, "v0.0.44", "odo"));
    }

    [Fact]
    public async Task ATextOfExactlyItsLimitIsTaken()
    {
        var job = SlurmCalls.Job().With("comment", new string('c', 1024)).With("standard_output", "/" + new string('o', 4095));

        Assert.Equal(4200, await Http.SubmitOkAsync(Token, "v0.0.44", "odo", job));
    }

    [Fact]
    public async Task SlurmRefusalsComeAs200WhenTold()
    {
        await Http.SetSlurmRefusalsAsync("ok");
        var job = SlurmCalls.Job().With("partition", "gpu");

        var answer = await Http.SubmitAsync(Token, "v0.0.44", "odo", SlurmCalls.JobForm(job));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(2000, Assert.Single(answer.Errors()).GetProperty("error_number").GetInt32());
        Assert.False(answer.Json.Has("job_id"));
    }

    [Fact]
    public async Task TheDebugPartitionHasItsOwnMaximum()
    {
        var job = SlurmCalls.Job().With("partition", "debug").With("time_limit", SlurmCalls.Wrapped(121));

        var answer = await Http.SubmitAsync(Token, "v0.0.42", "wombat", SlurmCalls.JobForm(job));

        Assert.Equal(2051, Assert.Single(answer.Errors()).GetProperty("error_number").GetInt32());
    }
}
