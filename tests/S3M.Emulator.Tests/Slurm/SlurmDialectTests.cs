using System.Text.Json;
using S3M.Emulator.Tests.Support;

namespace S3M.Emulator.Tests.Slurm;

/// <summary>Slurm answers in the gateway's dialect, and the fields that differ by version.</summary>
public sealed class SlurmDialectTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    private string Token => Emulator.MintToken("stf042", ["compute-ace"]).Token;

    [Fact]
    public async Task SixtyFourBitNumbersAreStringsAndThirtyTwoBitOnesNumbers()
    {
        var token = Token;
        var id = await Http.SubmitOkAsync(token, "v0.0.44", "odo");
        await Http.AdvanceClockAsync(TimeSpan.FromSeconds(10));

        var ping = (await Http.FetchAsync(SlurmCalls.Path("v0.0.44", "odo", "ping"), token)).Json.GetProperty("pings")[0];
        var listed = await Http.ControllerJobAsync(token, "v0.0.44", "odo", id);
        var accounted = await Http.AccountingJobAsync(token, "v0.0.44", "odo", id);
        var node = (await Http.FetchAsync(SlurmCalls.Path("v0.0.44", "odo", "nodes"), token)).Json.GetProperty("nodes")[0];

        Assert.Equal(JsonValueKind.String, ping.GetProperty("latency").ValueKind);
        Assert.Equal(JsonValueKind.Number, listed.GetProperty("job_id").ValueKind);
        Assert.Equal(JsonValueKind.String, listed.GetProperty("submit_time").GetProperty("number").ValueKind);
        Assert.Equal(JsonValueKind.Number, listed.GetProperty("time_limit").GetProperty("number").ValueKind);
        Assert.Equal(JsonValueKind.Number, listed.GetProperty("node_count").GetProperty("number").ValueKind);
        Assert.Equal(JsonValueKind.String, accounted.GetProperty("time").GetProperty("start").ValueKind);
        Assert.Equal(JsonValueKind.Number, accounted.GetProperty("time").GetProperty("elapsed").ValueKind);
        Assert.Equal(JsonValueKind.String, node.GetProperty("real_memory").ValueKind);
        Assert.Equal(JsonValueKind.Number, node.GetProperty("cpus").ValueKind);
    }

    [Fact]
    public async Task ZeroFieldsAreLeftOutEvenInsideWrappers()
    {
        var token = Token;
        var id = await Http.SubmitOkAsync(token, "v0.0.44", "odo");

        var listed = await Http.ControllerJobAsync(token, "v0.0.44", "odo", id);
        var accounted = await Http.AccountingJobAsync(token, "v0.0.44", "odo", id);
        var partition = (await Http.FetchAsync(SlurmCalls.Path("v0.0.44", "odo", "partitions"), token)).Json.GetProperty("partitions")[0];

        Assert.Equal("{\"set\":true}", listed.GetProperty("suspend_time").GetRawText());
        Assert.Equal("{}", listed.GetProperty("start_time").GetRawText());
        Assert.Equal("{}", listed.GetProperty("exit_code").GetProperty("return_code").GetRawText());
        Assert.Equal("{\"set\":true,\"infinite\":true}", partition.GetProperty("maximums").GetProperty("cpus_per_node").GetRawText());
        Assert.False(listed.Has("nodes"));
        Assert.False(listed.Has("comment"));
        Assert.False(accounted.GetProperty("time").Has("start"));
        Assert.False(accounted.Has("steps"));
    }

    [Theory]
    [InlineData("v0.0.42", "wombat")]
    [InlineData("v0.0.43", "odo")]
    [InlineData("v0.0.44", "odo")]
    public async Task EmptyErrorsAndWarningsAreLeftOutUnlessZeroFieldsAreWritten(string version, string resource)
    {
        var token = Token;
        var tails = new[] { "ping", "partitions", "nodes", "reservations", "diag", "jobs", "job/4200" };
        await Http.SubmitOkAsync(token, version, resource, SlurmCalls.Job().With("time_limit", SlurmCalls.Wrapped(5)));

        foreach (var tail in tails)
        {
            var json = (await Http.FetchAsync(SlurmCalls.Path(version, resource, tail), token)).Json;
            Assert.False(json.Has("errors"), tail);
            Assert.False(json.Has("warnings"), tail);
            Assert.Equal(version, json.GetProperty("meta").GetProperty("plugin").GetProperty("data_parser").GetString()!["data_parser/".Length..]);
        }

        await Http.SetDialectAsync(new { zeroFields = "write" });
        foreach (var tail in tails)
        {
            var json = (await Http.FetchAsync(SlurmCalls.Path(version, resource, tail), token)).Json;
            Assert.Equal("[]", json.GetProperty("errors").GetRawText());
            Assert.Equal("[]", json.GetProperty("warnings").GetRawText());
        }
    }

    [Theory]
    [InlineData("v0.0.42", "wombat")]
    [InlineData("v0.0.44", "odo")]
    public async Task PingsCanTakeTheOlderShape(string version, string resource)
    {
        await Http.SetDialectAsync(new { ping = "pingedOnly" });

        var pings = (await Http.FetchAsync(SlurmCalls.Path(version, resource, "ping"), Token)).Json.GetProperty("pings").EnumerateArray().ToList();

        Assert.NotEmpty(pings);
        Assert.All(pings, p =>
        {
            Assert.Equal(["hostname", "pinged", "latency", "mode"], p.EnumerateObject().Select(f => f.Name));
            Assert.Equal("UP", p.GetProperty("pinged").GetString());
        });
    }

    [Fact]
    public async Task CurrentPingsOmitAFalsePrimary()
    {
        var pings = (await Http.FetchAsync(SlurmCalls.Path("v0.0.44", "odo", "ping"), Token)).Json.GetProperty("pings");

        Assert.True(pings[0].GetProperty("primary").GetBoolean());
        Assert.True(pings[1].GetProperty("responding").GetBoolean());
        Assert.False(pings[1].Has("primary"));
    }

    [Fact]
    public async Task AccountingCanAnswerBareRecords()
    {
        var token = Token;
        var finished = await Http.SubmitOkAsync(token, "v0.0.43", "defiant");
        await Http.AdvanceClockAsync(TimeSpan.FromSeconds(10));
        var pending = await Http.SubmitOkAsync(token, "v0.0.43", "defiant");
        await Http.SetDialectAsync(new { accountingJob = "minimal" });

        var done = await Http.AccountingJobAsync(token, "v0.0.43", "defiant", finished);
        var waiting = await Http.AccountingJobAsync(token, "v0.0.43", "defiant", pending);

        Assert.Equal(["job_id", "state", "time"], done.EnumerateObject().Select(f => f.Name));
        Assert.Equal(["start", "end"], done.GetProperty("time").EnumerateObject().Select(f => f.Name));
        Assert.Equal(done.GetProperty("time").Int64("start") + 3, done.GetProperty("time").Int64("end"));
        Assert.Equal("COMPLETED", done.State());
        Assert.Equal("{}", waiting.GetProperty("time").GetRawText());
        Assert.Equal("PENDING", waiting.State());
        Assert.Equal("Priority", waiting.GetProperty("state").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task TheAccountingShapeSpellsGroupAsS3MDoes()
    {
        var token = Token;
        var id = await Http.SubmitOkAsync(token, "v0.0.43", "defiant");

        var job = await Http.AccountingJobAsync(token, "v0.0.43", "defiant", id);

        Assert.Equal("stf042", job.GetProperty("gruop").GetString());
        Assert.False(job.Has("group"));
        Assert.Equal("stf042_auser", job.GetProperty("user").GetString());
    }

    [Theory]
    [InlineData("v0.0.42", "defiant", false, false)]
    [InlineData("v0.0.43", "defiant", true, false)]
    [InlineData("v0.0.44", "odo", true, true)]
    public async Task FieldsFollowTheVersion(string version, string resource, bool controllerExpanded, bool v44)
    {
        var token = Token;
        var id = await Http.SubmitOkAsync(token, version, resource);

        var listed = await Http.ControllerJobAsync(token, version, resource, id);
        var accounted = await Http.AccountingJobAsync(token, version, resource, id);
        var sum = (await Http.FetchAsync(SlurmCalls.Path(version, resource, "diag"), token)).Json
            .GetProperty("statistics").GetProperty("schedule_cycle_sum");

        Assert.Equal(controllerExpanded, listed.Has("stdout_expanded"));
        Assert.Equal(controllerExpanded, listed.Has("stdin_expanded"));
        Assert.Equal(v44, listed.Has("submit_line"));
        // slurmdbd's job has these in every version.
        Assert.True(accounted.Has("submit_line"));
        Assert.True(accounted.Has("stdout_expanded"));
        Assert.True(accounted.Has("stdin_expanded"));
        Assert.Equal(v44 ? JsonValueKind.String : JsonValueKind.Number, sum.ValueKind);
    }

    [Fact]
    public async Task MetaNamesTheClusterItsReleaseAndTheCaller()
    {
        var meta = (await Http.FetchAsync(SlurmCalls.Path("v0.0.42", "defiant", "ping"), Token)).Json.GetProperty("meta");

        Assert.Equal("defiant", meta.GetProperty("slurm").GetProperty("cluster").GetString());
        Assert.Equal("25.05.3", meta.GetProperty("slurm").GetProperty("release").GetString());
        Assert.Equal("25", meta.GetProperty("slurm").GetProperty("version").GetProperty("major").GetString());
        Assert.Equal("stf042_auser", meta.GetProperty("client").GetProperty("user").GetString());
        Assert.Equal("openapi/slurmctld", meta.GetProperty("plugin").GetProperty("type").GetString());
    }
}
