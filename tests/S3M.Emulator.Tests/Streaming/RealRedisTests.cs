using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using S3M.Emulator.Tests.Support;

namespace S3M.Emulator.Tests.Streaming;

/// <summary>
/// Redis clusters backed by a real redis-server: the URL works with the cluster's user only, and
/// the server goes when the cluster does. Skipped where redis-server is not installed.
/// </summary>
public sealed class RealRedisTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    private string Token => Emulator.MintToken("stf042", ["data-streaming"]).Token;

    [SkippableFact]
    public async Task TheUrlLeadsToARealServerUntilTheClusterIsDeleted()
    {
        await SkipWithoutRedisAsync();
        await Http.SetReadySecondsAsync(0);
        var url = new Uri((await Http.ProvisionOkAsync(Token, "redis", "roundtrip")).GetProperty("url").GetString()!);
        var (user, password) = (url.UserInfo.Split(':')[0], url.UserInfo.Split(':')[1]);
        Assert.Equal(("Synced", "Healthy"), await Http.StatusAsync(Token, "redis", "roundtrip"));

        using (var redis = await RespClient.ConnectAsync(url.Port))
        {
            Assert.StartsWith("-NOAUTH", await redis.CallAsync("PING"));
            Assert.StartsWith("-WRONGPASS", await redis.CallAsync("AUTH", "default", "anything"));
            Assert.StartsWith("-WRONGPASS", await redis.CallAsync("AUTH", user, "not-the-password"));
            Assert.Equal("OK", await redis.CallAsync("AUTH", user, password));
            Assert.Equal("OK", await redis.CallAsync("SET", "greeting", "hello from s3m"));
            Assert.Equal("hello from s3m", await redis.CallAsync("GET", "greeting"));
            Assert.Null(await redis.CallAsync("GET", "missing"));
        }

        var pid = await ServerPidAsync("roundtrip");
        Assert.Equal(HttpStatusCode.OK, (await Http.DeleteClusterAsync(Token, "redis", "roundtrip")).Status);

        await AssertRefusedAsync(url.Port);
        Assert.False(IsRunning(pid));
    }

    [SkippableFact]
    public async Task TheRedisUrlOfTheRecordIsTheProvisionUrl()
    {
        await SkipWithoutRedisAsync();
        var provisioned = (await Http.ProvisionOkAsync(Token, "redis", "same-url")).GetProperty("url").GetString();

        var recorded = (await Http.ClusterAsync(Token, "redis", "same-url")).Json.GetProperty("cluster").GetProperty("redisUrl").GetString();

        Assert.Equal(provisioned, recorded);
    }

    [SkippableFact]
    public async Task ExpiryStopsTheServer()
    {
        await SkipWithoutRedisAsync();
        var url = new Uri((await Http.ProvisionOkAsync(Token, "redis", "expiring")).GetProperty("url").GetString()!);
        var pid = await ServerPidAsync("expiring");

        await Http.AdvanceClockAsync(TimeSpan.FromDays(7));

        (await Http.ClusterAsync(Token, "redis", "expiring")).AssertGrpcError(HttpStatusCode.NotFound, 5);
        await AssertRefusedAsync(url.Port);
        Assert.False(IsRunning(pid));
    }

    [SkippableFact]
    public async Task AServerThatDiesMakesTheClusterDegraded()
    {
        await SkipWithoutRedisAsync();
        await Http.SetReadySecondsAsync(0);
        await Http.ProvisionOkAsync(Token, "redis", "fragile");

        using (var server = Process.GetProcessById(await ServerPidAsync("fragile")))
        {
            server.Kill();
            await server.WaitForExitAsync();
        }

        Assert.Equal(("Synced", "Degraded"), await Http.StatusAsync(Token, "redis", "fragile"));
        Assert.Equal(HttpStatusCode.OK, (await Http.DeleteClusterAsync(Token, "redis", "fragile")).Status);
    }

    [SkippableFact]
    public async Task StoppingTheEmulatorStopsItsServers()
    {
        await SkipWithoutRedisAsync();
        int port, pid;
        await using (var emulator = await EmulatorHost.StartAsync(new EmulatorOptions()))
        {
            using var http = emulator.NewHttpClient();
            var token = emulator.MintToken("stf042", ["data-streaming"]).Token;
            port = new Uri((await http.ProvisionOkAsync(token, "redis", "left-behind")).GetProperty("url").GetString()!).Port;
            pid = (await http.StreamingStateAsync()).GetProperty("clusters")[0].GetProperty("redisPid").GetInt32();
            using var redis = await RespClient.ConnectAsync(port);
        }

        await AssertRefusedAsync(port);
        Assert.False(IsRunning(pid));
    }

    [Fact]
    public async Task WithoutRedisServerTheUrlsPointNowhere()
    {
        var scratch = Directory.CreateTempSubdirectory("s3m-streaming-tests-").FullName;
        try
        {
            var config = Path.Combine(scratch, "config.json");
            await File.WriteAllTextAsync(config, """{ "streaming": { "redisServer": "/nonexistent/redis-server", "readySeconds": 0 } }""");
            await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { ConfigFile = config });
            using var http = emulator.NewHttpClient();
            var token = emulator.MintToken("stf042", ["data-streaming"]).Token;

            var state = await http.StreamingStateAsync();
            Assert.False(state.GetProperty("realRedis").GetBoolean());
            Assert.Contains("not found", state.GetProperty("whyNoRealRedis").GetString());
            Assert.Equal(0, state.GetProperty("readySeconds").GetDouble());

            var url = new Uri((await http.ProvisionOkAsync(token, "redis", "nowhere")).GetProperty("url").GetString()!);
            Assert.Equal(("Synced", "Healthy"), await http.StatusAsync(token, "redis", "nowhere"));
            await AssertRefusedAsync(url.Port);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task ABadStreamingConfigurationFailsTheStart()
    {
        var scratch = Directory.CreateTempSubdirectory("s3m-streaming-tests-").FullName;
        try
        {
            var config = Path.Combine(scratch, "config.json");
            await File.WriteAllTextAsync(config, """{ "streaming": { "readySeconds": -1 } }""");

            var error = await Assert.ThrowsAsync<InvalidDataException>(() => EmulatorHost.StartAsync(new EmulatorOptions { ConfigFile = config }));

            Assert.Contains("readySeconds", error.Message);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private async Task SkipWithoutRedisAsync()
    {
        var state = await Http.StreamingStateAsync();
        Skip.IfNot(state.GetProperty("realRedis").GetBoolean(), $"no real Redis: {state.GetProperty("whyNoRealRedis").GetString()}");
    }

    private async Task<int> ServerPidAsync(string name)
    {
        var state = await Http.StreamingStateAsync();
        return state.GetProperty("clusters").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name).GetProperty("redisPid").GetInt32();
    }

    private static async Task AssertRefusedAsync(int port)
    {
        var error = await Assert.ThrowsAsync<SocketException>(async () => (await RespClient.ConnectAsync(port)).Dispose());
        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
