using System.Net;
using System.Text.Json;
using S3M.Emulator.Tests.Support;

namespace S3M.Emulator.Tests;

public sealed class StatusTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    private static string[] Names(JsonElement list, string property) =>
        [.. list.GetProperty(property).EnumerateArray().Select(e => e.GetProperty(property == "resources" ? "name" : "resourceName").GetString()!)];

    [Fact]
    public async Task ListsTheDemoResourcesWithoutAToken()
    {
        var answer = await Http.FetchAsync("/olcf/v1alpha/status");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(["defiant", "odo", "wombat", "quokka", "frontier", "orion"], Names(answer.Json, "resources"));
        foreach (var resource in answer.Json.GetProperty("resources").EnumerateArray())
        {
            Assert.Equal("OLCF", resource.GetProperty("organization").GetString());
            Assert.True(resource.Has("retrievedAt"));
        }
    }

    [Fact]
    public async Task DemoDataHasAnUnavailableAnAnnotatedAndAScheduledResource()
    {
        var resources = (await Http.FetchAsync("/olcf/v1alpha/status")).Json.GetProperty("resources").EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!);

        Assert.Equal("UNAVAILABLE", resources["quokka"].GetProperty("status").GetString());
        Assert.Equal("AMD Instinct MI100", resources["defiant"].GetProperty("annotations").GetProperty("accelerator").GetString());
        var upcoming = Assert.Single(resources["odo"].GetProperty("upcomingDowntimes").EnumerateArray());
        Assert.Equal("odo", upcoming.GetProperty("resourceName").GetString());
    }

    [Fact]
    public async Task GetsOneResourceByName()
    {
        var answer = await Http.FetchAsync("/olcf/v1alpha/status/wombat");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("wombat", answer.Json.GetProperty("name").GetString());
        Assert.Equal("compute", answer.Json.GetProperty("systemType").GetString());
        Assert.Equal("open", answer.Json.GetProperty("securityEnclave").GetString());
    }

    [Fact]
    public async Task UnknownResourceIsGrpcNotFound()
    {
        var message = (await Http.FetchAsync("/olcf/v1alpha/status/summit")).AssertGrpcError(HttpStatusCode.NotFound, 5);

        Assert.Contains("summit", message);
    }

    [Fact]
    public async Task DowntimesHoldsOnlyTheOneInEffect()
    {
        var downtimes = (await Http.FetchAsync("/olcf/v1alpha/status/downtimes")).Json;

        var downtime = Assert.Single(downtimes.GetProperty("downtimes").EnumerateArray());
        Assert.Equal("quokka", downtime.GetProperty("resourceName").GetString());
        var now = DateTimeOffset.UtcNow;
        Assert.True(downtime.GetProperty("start").GetDateTimeOffset() <= now);
        Assert.True(downtime.GetProperty("end").GetDateTimeOffset() > now);
    }

    [Fact]
    public async Task UpcomingHoldsTheNextTenDaysInOrder()
    {
        var upcoming = (await Http.FetchAsync("/olcf/v1alpha/status/downtimes/upcoming")).Json;

        // wombat's downtime, 20 days out, is beyond the window.
        Assert.Equal(["odo", "defiant"], Names(upcoming, "downtimes"));
    }

    [Fact]
    public async Task MovingTheClockMovesDowntimesInAndOutOfEffect()
    {
        await Http.AdvanceClockAsync(TimeSpan.FromDays(2) + TimeSpan.FromHours(1));

        Assert.Equal(["odo"], Names((await Http.FetchAsync("/olcf/v1alpha/status/downtimes")).Json, "downtimes"));
        Assert.Equal(["defiant"], Names((await Http.FetchAsync("/olcf/v1alpha/status/downtimes/upcoming")).Json, "downtimes"));
        var odo = (await Http.FetchAsync("/olcf/v1alpha/status/odo")).Json;
        Assert.False(odo.Has("upcomingDowntimes"));
    }

    [Fact]
    public async Task DowntimesSetAtRunTimeCountFromTheClockAndResetBringsBackTheConfiguredOnes()
    {
        var now = await Http.AdvanceClockAsync(TimeSpan.FromDays(1));
        var set = await Http.ControlAsync(HttpMethod.Post, "downtimes", new
        {
            downtimes = new object[]
            {
                new { resourceName = "odo", start = "+1h", end = "+3h", description = "Test window", attributes = new { scheduled = true } },
                new { resourceName = "wombat", start = "-10m", end = "+50m" },
            },
        });

        Assert.Equal(HttpStatusCode.OK, set.Status);
        Assert.Equal(["wombat", "odo"], Names(set.Json, "downtimes"));
        Assert.Equal(["wombat"], Names((await Http.FetchAsync("/olcf/v1alpha/status/downtimes")).Json, "downtimes"));
        var odo = Assert.Single((await Http.FetchAsync("/olcf/v1alpha/status/downtimes/upcoming")).Json.GetProperty("downtimes").EnumerateArray());
        var start = odo.GetProperty("start").GetDateTimeOffset();
        // From the emulator's clock (a day ahead), to the whole second.
        Assert.InRange(start - now, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
        Assert.Equal(0, start.Millisecond);
        Assert.Equal(TimeSpan.FromHours(2), odo.GetProperty("end").GetDateTimeOffset() - start);
        Assert.Equal("Test window", odo.GetProperty("description").GetString());
        Assert.True(odo.GetProperty("attributes").GetProperty("scheduled").GetBoolean());

        await Http.ResetAsync();

        Assert.Equal(["quokka"], Names((await Http.FetchAsync("/olcf/v1alpha/status/downtimes")).Json, "downtimes"));
        Assert.Equal(["odo", "defiant"], Names((await Http.FetchAsync("/olcf/v1alpha/status/downtimes/upcoming")).Json, "downtimes"));
    }

    [Fact]
    public async Task DowntimesSetAtRunTimeBecomeMaintenanceReservations()
    {
        var token = Emulator.MintToken("stf042", ["compute-ace"]).Token;
        var set = await Http.ControlAsync(HttpMethod.Post, "downtimes", new { downtimes = new[] { new { resourceName = "odo", start = "+1h", end = "+2h" } } });
        Assert.Equal(HttpStatusCode.OK, set.Status);

        var reservations = (await Http.FetchAsync(Slurm.SlurmCalls.Path("v0.0.44", "odo", "reservations"), token)).Json.GetProperty("reservations")
            .EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToArray();

        Assert.Equal(["maint_" + set.Json.GetProperty("downtimes")[0].GetProperty("start").GetDateTimeOffset().ToString("yyyyMMdd_HHmm"), "training"], reservations);
    }

    [Theory]
    [InlineData("""{"downtimes":[{"resourceName":"odo","start":"soon","end":"+2h"}]}""", "soon")]
    [InlineData("""{"downtimes":[{"resourceName":"odo","start":"+2h","end":"+1h"}]}""", "does not end after it starts")]
    [InlineData("""{"downtimes":[{"resourceName":"odo","start":"+1h"}]}""", "end")]
    [InlineData("""{"downtimes":[{"resourceName":"odo","start":"+1h","end":"+2h","colour":"red"}]}""", "colour")]
    [InlineData("""{}""", "downtimes")]
    public async Task ABadDowntimeIsRefusedAndChangesNothing(string body, string named)
    {
        var answer = await Http.SendAsync(HttpMethod.Post, "/_emulator/downtimes", body: body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains(named, answer.Json.GetProperty("error").GetString());
        Assert.Equal(["quokka", "odo", "defiant", "wombat"], Names((await Http.ControlAsync(HttpMethod.Get, "downtimes")).Json, "downtimes"));
    }
}
