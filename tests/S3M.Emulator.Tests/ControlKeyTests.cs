using System.Net;
using System.Text.Json;
using S3M.Emulator.Tests.Streaming;
using S3M.Emulator.Tests.Support;

namespace S3M.Emulator.Tests;

/// <summary>
/// Every <c>/_emulator/</c> call needs the run's control key: without it, or with a wrong one, the
/// answer is 401 and nothing happens. The key is new each run, in a file only its owner can read.
/// </summary>
public sealed class ControlKeyTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    // A word that only the provision body in the request log holds: a log read without the key must not show it.
    private const string Marker = "keyed-marker";

    private static readonly string[] Keys = ["", "wrong", new('0', 64)];

    /// <summary>Every control endpoint, with a body that would change something if it were obeyed.</summary>
    public static TheoryData<string, string, string?> Endpoints => new()
    {
        { "POST", "tokens", """{"project":"stf042","scopes":["data-streaming"],"expiresInSeconds":86400}""" },
        { "POST", "faults", """{"path":"/olcf/v1alpha/status","status":503,"count":5}""" },
        { "DELETE", "faults", null },
        { "GET", "requests", null },
        { "DELETE", "requests", null },
        { "POST", "clock", """{"advanceSeconds":86400}""" },
        { "GET", "scheduler", null },
        { "POST", "scheduler", """{"pendingSeconds":99}""" },
        { "GET", "dialect", null },
        { "POST", "dialect", """{"zeroFields":"omit"}""" },
        { "GET", "downtimes", null },
        { "POST", "downtimes", """{"downtimes":[]}""" },
        { "POST", "reset", null },
        { "GET", "streaming", null },
        { "POST", "streaming", """{"readySeconds":99}""" },
        { "POST", "streaming/rabbitmq/" + Marker + "/health", """{"healthStatus":"Degraded"}""" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task WithoutTheKeyEveryControlCallIs401AndChangesNothing(string method, string path, string? body)
    {
        await ArrangeStateAsync();
        using var bare = new HttpClient { BaseAddress = Emulator.BaseUri };

        foreach (var key in Keys.Prepend(null))
        {
            var before = await StateAsync();
            using var request = new HttpRequestMessage(new HttpMethod(method), "/_emulator/" + path);
            if (key is not null)
            {
                request.Headers.TryAddWithoutValidation(RunningEmulator.ControlKeyHeader, key);
            }

            if (body is not null)
            {
                request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await bare.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var error = Assert.Single(JsonDocument.Parse(text).RootElement.EnumerateObject());
            Assert.Equal("error", error.Name);
            Assert.Contains(RunningEmulator.ControlKeyHeader, error.Value.GetString());
            Assert.DoesNotContain(Marker, text);
            var after = await StateAsync();
            Assert.Equal(before.Text, after.Text);
            Assert.InRange(after.Now - before.Now, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        }

        // The fault armed for /nowhere is still there, and no other fault was armed.
        Assert.Equal(HttpStatusCode.OK, (await Http.FetchAsync("/olcf/v1alpha/status")).Status);
        Assert.Equal((HttpStatusCode)418, (await Http.FetchAsync("/nowhere")).Status);
    }

    [Fact]
    public async Task TheKeyTwiceIsRefused()
    {
        using var bare = new HttpClient { BaseAddress = Emulator.BaseUri };
        using var twice = new HttpRequestMessage(HttpMethod.Get, "/_emulator/requests");
        twice.Headers.Add(RunningEmulator.ControlKeyHeader, [Emulator.ControlKey, Emulator.ControlKey]);

        Assert.Equal(HttpStatusCode.Unauthorized, (await bare.SendAsync(twice)).StatusCode);
    }

    [Fact]
    public async Task WithTheKeyTheControlCallsWork()
    {
        using var bare = new HttpClient { BaseAddress = Emulator.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_emulator/tokens")
        {
            Content = new StringContent("""{"project":"stf042","scopes":["compute-ace"]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(RunningEmulator.ControlKeyHeader, Emulator.ControlKey);

        using var response = await bare.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString();
        Assert.Equal(HttpStatusCode.OK, (await Http.IntrospectAsync(token)).Status);
    }

    [Fact]
    public async Task TheKeyFileHoldsTheKeyAsAHeaderLineForItsOwnerOnly()
    {
        Assert.Equal(Path.Combine(Emulator.TokenDirectory, "control.key"), Emulator.ControlKeyPath);
        Assert.Equal($"X-S3M-Emulator-Key: {Emulator.ControlKey}\n", await File.ReadAllTextAsync(Emulator.ControlKeyPath));
        Assert.Matches("^[0-9a-f]{64}$", Emulator.ControlKey);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Emulator.ControlKeyPath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Emulator.TokenDirectory));
        }
    }

    [Fact]
    public async Task EachRunHasAKeyOfItsOwn()
    {
        await using var other = await EmulatorHost.StartAsync(new EmulatorOptions());
        using var otherHttp = new HttpClient { BaseAddress = other.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/_emulator/requests");
        request.Headers.Add(RunningEmulator.ControlKeyHeader, Emulator.ControlKey);

        Assert.NotEqual(Emulator.ControlKey, other.ControlKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherHttp.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task TheProcessSaysWhereTheKeyIsOnAThirdLineAndEachRunHasItsOwn()
    {
        var keys = new List<string>();
        for (var run = 0; run < 2; run++)
        {
            await using var emulator = EmulatorProcess.Start(["--urls", "http://127.0.0.1:0", "--exit-on-stdin-close"]);
            var listening = await emulator.ReadLineAsync();
            var tokens = await emulator.ReadLineAsync();
            var third = await emulator.ReadLineAsync();

            Assert.StartsWith("S3M emulator listening on http://127.0.0.1:", listening);
            Assert.StartsWith("Token files in ", tokens);
            Assert.StartsWith("Control key in ", third);
            var path = third["Control key in ".Length..];
            Assert.Equal(Path.Combine(tokens["Token files in ".Length..], "control.key"), path);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }

            var line = (await File.ReadAllTextAsync(path)).TrimEnd('\n');
            Assert.StartsWith($"{RunningEmulator.ControlKeyHeader}: ", line);
            var key = line[(RunningEmulator.ControlKeyHeader.Length + 2)..];
            using var http = new HttpClient { BaseAddress = new Uri(listening["S3M emulator listening on ".Length..]) };
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/_emulator/requests")).StatusCode);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/_emulator/requests");
            request.Headers.Add(RunningEmulator.ControlKeyHeader, key);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
            keys.Add(key);
        }

        Assert.NotEqual(keys[0], keys[1]);
    }

    /// <summary>Something for each control call to change: a logged body, a cluster, a fault, the scheduler's pace, the dialect.</summary>
    private async Task ArrangeStateAsync()
    {
        var token = Emulator.MintToken("stf042", ["data-streaming"]).Token;
        // Ready at once, so the cluster's words do not change while the test reads them.
        await Http.SetReadySecondsAsync(0);
        await Http.ProvisionOkAsync(token, "rabbitmq", Marker);
        await Http.ArmFaultAsync(new { path = "/nowhere", status = 418, count = 1000 });
        Assert.Equal(HttpStatusCode.OK, (await Http.ControlAsync(HttpMethod.Post, "scheduler", new { pendingSeconds = 1 })).Status);
        await Http.SetDialectAsync(new { zeroFields = "write" });
    }

    /// <summary>What the control endpoints can change, read with the key: the log, the pace, the dialect, the clusters, the downtimes, and the clock.</summary>
    private async Task<(string Text, DateTimeOffset Now)> StateAsync()
    {
        var log = (await Http.ControlAsync(HttpMethod.Get, "requests")).Text;
        Assert.Contains(Marker, log);
        var scheduler = (await Http.ControlAsync(HttpMethod.Get, "scheduler")).Text;
        var dialect = (await Http.ControlAsync(HttpMethod.Get, "dialect")).Text;
        var streaming = (await Http.ControlAsync(HttpMethod.Get, "streaming")).Text;
        var downtimes = (await Http.ControlAsync(HttpMethod.Get, "downtimes")).Text;
        var now = (await Http.ControlAsync(HttpMethod.Post, "clock", new { advanceSeconds = 0 })).Json.GetProperty("now").GetDateTimeOffset();
        return (string.Join("\n", log, scheduler, dialect, streaming, downtimes), now);
    }
}
