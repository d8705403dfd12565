using System.Diagnostics;
using System.Net;
using System.Text.Json;
using S3M.Emulator.Tests.Support;

namespace S3M.Emulator.Tests;

public sealed class LatencyTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    private const string Status = "/olcf/v1alpha/status";

    [Fact]
    public async Task DelaysEveryS3mRequestByTheSettingUntilReset()
    {
        var set = await Http.ControlAsync(HttpMethod.Post, "latency", new { milliseconds = 300 });
        Assert.Equal(HttpStatusCode.OK, set.Status);
        Assert.Equal(300, set.Json.GetProperty("milliseconds").GetInt32());
        var clock = Stopwatch.StartNew();

        var answer = await Http.FetchAsync(Status + "/odo");

        // A lower bound only: a busy machine makes it later, never sooner.
        Assert.True(clock.ElapsedMilliseconds >= 280, $"answered after {clock.ElapsedMilliseconds} ms");
        Assert.Equal("odo", answer.Json.GetProperty("name").GetString());
        Assert.Equal(300, (await Http.ControlAsync(HttpMethod.Get, "latency")).Json.GetProperty("milliseconds").GetInt32());
        await Http.ResetAsync();
        Assert.Equal(0, (await Http.ControlAsync(HttpMethod.Get, "latency")).Json.GetProperty("milliseconds").GetInt32());
    }

    [Fact]
    public async Task HoldsAnS3mRequestWhileControlCallsAnswer()
    {
        await Http.ControlAsync(HttpMethod.Post, "latency", new { milliseconds = 60_000 });
        using var gaveUp = new CancellationTokenSource();
        using var client = Emulator.NewHttpClient();
        var held = client.GetAsync(Status, gaveUp.Token);

        // Control calls go through while the S3M request waits out its minute: it is in the log, unanswered, twice over.
        JsonElement[] logged;
        var waited = Stopwatch.StartNew();
        while ((logged = await Http.LoggedRequestsAsync()).Length == 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the request never reached the emulator");
            await Task.Delay(20);
        }

        Assert.Equal(0, Assert.Single(logged).GetProperty("status").GetInt32());
        Assert.Equal(1, (await Http.ControlAsync(HttpMethod.Get, "requests")).Json.GetProperty("maxInFlight").GetInt32());
        Assert.Equal(0, Assert.Single(await Http.LoggedRequestsAsync()).GetProperty("status").GetInt32());
        Assert.False(held.IsCompleted);

        await gaveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(60_001)]
    public async Task RefusesALatencyOutOfRange(int milliseconds)
    {
        var answer = await Http.ControlAsync(HttpMethod.Post, "latency", new { milliseconds });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("milliseconds must be 0 to 60000", answer.Text);
        Assert.Equal(0, (await Http.ControlAsync(HttpMethod.Get, "latency")).Json.GetProperty("milliseconds").GetInt32());
    }
}
