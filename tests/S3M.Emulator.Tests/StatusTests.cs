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
}
