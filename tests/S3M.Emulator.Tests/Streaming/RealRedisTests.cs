using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text.Json;
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

    /// <summary>Commands the cluster's user may not run: what reaches the server, its files, its replicas or other clients.</summary>
    public static TheoryData<string[]> ServerCommands => new()
    {
        new[] { "CONFIG", "GET", "dir" },
        new[] { "CONFIG", "SET", "dir", "/tmp" },
        new[] { "CONFIG", "REWRITE" },
        new[] { "CONFIG", "HELP" },
        new[] { "ACL", "WHOAMI" },
        new[] { "ACL", "LIST" },
        new[] { "ACL", "SETUSER", "intruder", "on", ">secret", "+@all" },
        new[] { "MODULE", "LIST" },
        new[] { "SAVE" },
        new[] { "BGSAVE" },
        new[] { "BGREWRITEAOF" },
        new[] { "REPLICAOF", "127.0.0.1", "1" },
        new[] { "SLAVEOF", "NO", "ONE" },
        new[] { "MONITOR" },
        new[] { "MIGRATE", "127.0.0.1", "1", "kept", "0", "1000" },
        new[] { "CLIENT", "LIST" },
        new[] { "CLIENT", "KILL", "ID", "1" },
        new[] { "CLIENT", "PAUSE", "1000" },
        new[] { "CLIENT", "NO-EVICT", "on" },
        new[] { "FLUSHALL" },
        new[] { "FLUSHDB" },
        new[] { "SWAPDB", "0", "1" },
        new[] { "INFO" },
        new[] { "ROLE" },
        new[] { "LASTSAVE" },
        new[] { "RESTORE", "copy", "0", "x" },
        new[] { "LATENCY", "DOCTOR" },
        new[] { "SLOWLOG", "GET" },
        new[] { "MEMORY", "DOCTOR" },
        new[] { "MEMORY", "PURGE" },
        new[] { "CLUSTER", "INFO" },
        new[] { "FAILOVER" },
        new[] { "PSYNC", "?", "-1" },
        new[] { "SYNC" },
        new[] { "SHUTDOWN", "NOSAVE" },
    };

    [SkippableTheory]
    [MemberData(nameof(ServerCommands))]
    public async Task TheClusterUserMayNotRunServerCommands(string[] command)
    {
        await SkipWithoutRedisAsync();
        using var redis = await LoggedInAsync("no-admin");
        Assert.Equal("OK", await redis.CallAsync("SET", "kept", "yes"));

        var reply = await redis.CallAsync(command);

        Assert.StartsWith("-NOPERM", reply);
        Assert.Equal("yes", await redis.CallAsync("GET", "kept"));
    }

    [SkippableFact]
    public async Task DebugAndModuleLoadAreRefusedBeforeTheAclIsAsked()
    {
        await SkipWithoutRedisAsync();
        using var redis = await LoggedInAsync("no-debug");

        // enable-debug-command and enable-module-command are "no": refused for every user, whatever the ACL says.
        Assert.Matches("^-(NOPERM|ERR DEBUG command not allowed)", await redis.CallAsync("DEBUG", "SLEEP", "0"));
        Assert.Matches("^-(NOPERM|ERR MODULE command not allowed)", await redis.CallAsync("MODULE", "LOAD", "/nonexistent/module.so"));
        Assert.Matches("^-(NOPERM|ERR MODULE command not allowed)", await redis.CallAsync("MODULE", "UNLOAD", "any"));
    }

    [SkippableFact]
    public async Task TheClusterUserRunsDataCommands()
    {
        await SkipWithoutRedisAsync();
        using var redis = await LoggedInAsync("data");

        Assert.Equal("PONG", await redis.CallAsync("PING"));
        Assert.Equal("OK", await redis.CallAsync("SET", "greeting", "hello"));
        Assert.Equal("hello", await redis.CallAsync("GET", "greeting"));
        Assert.Equal("1", await redis.CallAsync("EXPIRE", "greeting", "600"));
        Assert.Equal("2", await redis.CallAsync("HSET", "job", "state", "RUNNING", "node", "odo03"));
        Assert.Equal("state,RUNNING,node,odo03", await redis.CallAsync("HGETALL", "job"));
        Assert.Equal("2", await redis.CallAsync("RPUSH", "queue", "a", "b"));
        Assert.Equal("a,b", await redis.CallAsync("LRANGE", "queue", "0", "-1"));
        Assert.Equal("1", await redis.CallAsync("SADD", "nodes", "odo01"));
        Assert.Equal("1", await redis.CallAsync("ZADD", "scores", "3", "odo01"));
        Assert.Equal("1-1", await redis.CallAsync("XADD", "events", "1-1", "kind", "start"));
        Assert.Equal("events,1-1,kind,start", await redis.CallAsync("XREAD", "COUNT", "1", "STREAMS", "events", "0"));
        Assert.Equal("OK", await redis.CallAsync("MULTI"));
        Assert.Equal("QUEUED", await redis.CallAsync("INCR", "counter"));
        Assert.Equal("1", await redis.CallAsync("EXEC"));
        Assert.Equal("hello", await redis.CallAsync("EVAL", "return redis.call('GET', KEYS[1])", "1", "greeting"));
        Assert.Contains("greeting", await redis.CallAsync("KEYS", "*"));
        Assert.StartsWith("0,", await redis.CallAsync("SCAN", "0"));
        Assert.Matches("^[0-9]+$", await redis.CallAsync("MEMORY", "USAGE", "greeting"));
        Assert.Equal("OK", await redis.CallAsync("CLIENT", "SETNAME", "pester"));

        // A script runs with its caller's rights: no way round the ACL.
        Assert.StartsWith("-ERR The user executing the script can't run this command", await redis.CallAsync("EVAL", "return redis.call('FLUSHALL')", "0"));
        Assert.Equal("hello", await redis.CallAsync("GET", "greeting"));
    }

    [SkippableFact]
    public async Task TheClusterUserPublishesAndSubscribes()
    {
        await SkipWithoutRedisAsync();
        using var publisher = await LoggedInAsync("pubsub");
        using var subscriber = await RespClient.ConnectAsync(publisher.Port);
        Assert.Equal("OK", await subscriber.CallAsync("AUTH", publisher.User, publisher.Password));

        Assert.Equal("subscribe,jobs,1", await subscriber.CallAsync("SUBSCRIBE", "jobs"));
        Assert.Equal("1", await publisher.CallAsync("PUBLISH", "jobs", "done"));
        Assert.Equal("message,jobs,done", await subscriber.ReceiveAsync());
    }

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public async Task TheServerReadsThePasswordFromAPrivateFileNotItsCommandLine()
    {
        await SkipWithoutRedisAsync();
        Skip.IfNot(OperatingSystem.IsLinux(), "reads /proc");
        var real = (await Http.StreamingStateAsync()).GetProperty("redisServer").GetString()!;
        var scratch = Directory.CreateTempSubdirectory("s3m-streaming-tests-").FullName;
        try
        {
            // Records every command line the emulator gives redis-server, then becomes the real one.
            var arguments = Path.Combine(scratch, "arguments.txt");
            var wrapper = Path.Combine(scratch, "redis-server");
            await File.WriteAllTextAsync(wrapper, $"""
                #!/bin/sh
                printf '%s\n' "$@" >> '{arguments}'
                exec '{real}' "$@"

                """);
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var config = Path.Combine(scratch, "config.json");
            await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new { streaming = new { redisServer = wrapper, readySeconds = 0 } }));
            await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { ConfigFile = config });
            using var http = emulator.NewHttpClient();
            var token = emulator.MintToken("stf042", ["data-streaming"]).Token;

            var password = (await http.ProvisionOkAsync(token, "redis", "quiet")).GetProperty("password").GetString()!;
            var pid = (await http.StreamingStateAsync()).GetProperty("clusters")[0].GetProperty("redisPid").GetInt32();

            var given = await File.ReadAllTextAsync(arguments);
            Assert.DoesNotContain(password, given);
            Assert.DoesNotContain(password, await File.ReadAllTextAsync($"/proc/{pid}/cmdline"));
            var folder = new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget!;
            var conf = Path.Combine(folder, "redis.conf");
            Assert.Contains(conf, given);
            Assert.Contains($"\">{password}\"", await File.ReadAllTextAsync(conf));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(conf));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public async Task ARedisOlderThan7IsRefusedWithTheReasonOnStderr()
    {
        Skip.If(OperatingSystem.IsWindows(), "a shell script stands in for redis-server");
        var scratch = Directory.CreateTempSubdirectory("s3m-streaming-tests-").FullName;
        try
        {
            var old = Path.Combine(scratch, "redis-server");
            await File.WriteAllTextAsync(old, """
                #!/bin/sh
                echo 'Redis server v=6.2.14 sha=00000000:0 malloc=jemalloc-5.1.0 bits=64 build=0'

                """);
            File.SetUnixFileMode(old, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var config = Path.Combine(scratch, "config.json");
            await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new { streaming = new { redisServer = old } }));
            await using var emulator = EmulatorProcess.Start(["--urls", "http://127.0.0.1:0", "--config", config, "--exit-on-stdin-close"]);
            var baseUri = (await emulator.ReadLineAsync())["S3M emulator listening on ".Length..];
            await emulator.ReadLineAsync();
            var keyFile = (await emulator.ReadLineAsync())["Control key in ".Length..];

            using var http = new HttpClient { BaseAddress = new Uri(baseUri) };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/_emulator/streaming");
            request.Headers.Add(RunningEmulator.ControlKeyHeader, (await File.ReadAllTextAsync(keyFile)).Trim()[(RunningEmulator.ControlKeyHeader.Length + 2)..]);
            var state = JsonDocument.Parse(await (await http.SendAsync(request)).Content.ReadAsStringAsync()).RootElement;

            Assert.False(state.GetProperty("realRedis").GetBoolean());
            var why = $"{old} is Redis 6.2; 7.0 or later is needed";
            Assert.StartsWith(why, state.GetProperty("whyNoRealRedis").GetString());
            Assert.Contains($"S3M.Emulator: no real Redis ({why}", emulator.StandardError);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>A connection to a new cluster's server, logged in as the cluster's user.</summary>
    private async Task<LoggedIn> LoggedInAsync(string name)
    {
        await Http.SetReadySecondsAsync(0);
        var url = new Uri((await Http.ProvisionOkAsync(Token, "redis", name)).GetProperty("url").GetString()!);
        var (user, password) = (url.UserInfo.Split(':')[0], url.UserInfo.Split(':')[1]);
        var client = await RespClient.ConnectAsync(url.Port);
        Assert.Equal("OK", await client.CallAsync("AUTH", user, password));
        return new LoggedIn(client, url.Port, user, password);
    }

    private sealed record LoggedIn(RespClient Client, int Port, string User, string Password) : IDisposable
    {
        public Task<string?> CallAsync(params string[] parts) => Client.CallAsync(parts);

        public void Dispose() => Client.Dispose();
    }

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public async Task TheStartupSweepIsNotHeldByAFifoLeftInTheSharedTemporaryFolder()
    {
        // Anyone may create s3m-redis-<dead pid>-* in /tmp; a FIFO as its redis.pid must not hang the next emulator.
        await SkipWithoutRedisAsync();
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"s3m-redis-{int.MaxValue - 7}-planted"),
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;
        var fifo = Path.Combine(folder, "redis.pid");
        Assert.Equal(0, Mkfifo(fifo, Convert.ToUInt32("600", 8)));
        try
        {
            var sweeping = Task.Run(() => S3M.Emulator.Streaming.Redis.RedisLauncher.Detect("redis-server").Dispose());
            var finished = await Task.WhenAny(sweeping, Task.Delay(TimeSpan.FromSeconds(15))) == sweeping;
            if (!finished)
            {
                await using (new FileStream(fifo, FileMode.Open, FileAccess.Write)) { } // let a blocked read end
            }

            Assert.True(finished, "the sweep waited on a FIFO");
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int Mkfifo(string path, uint mode);

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
