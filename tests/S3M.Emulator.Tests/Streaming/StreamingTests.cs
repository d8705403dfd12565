using System.Net;
using System.Text.Json;
using S3M.Emulator.Tests.Support;

namespace S3M.Emulator.Tests.Streaming;

/// <summary>The streaming service's calls, lifecycle and countdown, on the emulator's clock.</summary>
public sealed class StreamingTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    private const long SevenDays = 604_800;

    private string Token => Emulator.MintToken("stf042", ["data-streaming"]).Token;

    [Fact]
    public async Task BackendsOfferTwoRabbitMqKindsAndOneRedisKind()
    {
        var answer = await Http.FetchAsync($"{StreamingCalls.Base}/list_backends", Token);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var backends = answer.Json.GetProperty("backends").EnumerateArray().ToList();
        Assert.Equal(["general", "stream"], Kinds(backends, "rabbitmq"));
        Assert.Equal(["general"], Kinds(backends, "redis"));
        var rabbit = backends.First(b => b.GetProperty("engine").GetString() == "rabbitmq");
        Assert.False(string.IsNullOrEmpty(rabbit.GetProperty("description").GetString()));
        var cpus = rabbit.GetProperty("resourceOptions").EnumerateArray().Single(o => o.GetProperty("key").GetString() == "cpus");
        Assert.Equal((1, 8, 2), (cpus.GetProperty("min").GetInt32(), cpus.GetProperty("max").GetInt32(), cpus.GetProperty("default").GetInt32()));
        Assert.Equal(["cpus", "ram-gbs", "nodes"], OptionKeys(rabbit));
        Assert.Equal("management-ui", rabbit.GetProperty("featureFlags")[0].GetProperty("key").GetString());
        var redis = backends.Single(b => b.GetProperty("engine").GetString() == "redis");
        Assert.Equal(["cpus", "ram-gbs"], OptionKeys(redis));
        // A false default is a zero value: the gateway leaves it out.
        Assert.False(redis.GetProperty("featureFlags")[0].Has("default"));

        static string[] Kinds(List<JsonElement> all, string engine) =>
            [.. all.Where(b => b.GetProperty("engine").GetString() == engine).Select(b => b.GetProperty("kind").GetString()!)];

        static string[] OptionKeys(JsonElement backend) =>
            [.. backend.GetProperty("resourceOptions").EnumerateArray().Select(o => o.GetProperty("key").GetString()!)];
    }

    [Fact]
    public async Task ProvisionAnswersEachEngineItsOwnShape()
    {
        var rabbit = await Http.ProvisionOkAsync(Token, "rabbitmq", "ingest01", "stream");
        var redis = await Http.ProvisionOkAsync(Token, "redis", "cache01");

        var password = rabbit.GetProperty("password").GetString()!;
        Assert.Equal("stf042-ingest01", rabbit.GetProperty("username").GetString());
        Assert.StartsWith($"amqps://stf042-ingest01:{password}@127.0.0.1:", rabbit.GetProperty("amqpsUrl").GetString());
        Assert.StartsWith("https://127.0.0.1:", rabbit.GetProperty("mgmtUrl").GetString());
        Assert.False(rabbit.Has("url"));
        Assert.StartsWith($"redis://stf042-cache01:{redis.GetProperty("password").GetString()}@127.0.0.1:", redis.GetProperty("url").GetString());
        Assert.False(redis.Has("amqpsUrl"));
        Assert.True(password.Length >= 16);
    }

    [Theory]
    [InlineData("rabbitmq")]
    [InlineData("redis")]
    public async Task ClustersMoveThroughTheirWordsToReadyOnTheClock(string engine)
    {
        await Http.SetReadySecondsAsync(600);
        await Http.ProvisionOkAsync(Token, engine, "slow");

        Assert.Equal(("OutOfSync", "Progressing"), await Http.StatusAsync(Token, engine, "slow"));
        await Http.AdvanceClockAsync(TimeSpan.FromSeconds(300));
        Assert.Equal(("Synced", "Progressing"), await Http.StatusAsync(Token, engine, "slow"));
        await Http.AdvanceClockAsync(TimeSpan.FromSeconds(300));
        Assert.Equal(("Synced", "Healthy"), await Http.StatusAsync(Token, engine, "slow"));
    }

    [Fact]
    public async Task AZeroReadyDelayMakesClustersReadyAtOnceAndResetRestoresTheDelay()
    {
        Assert.Equal(2, (await Http.StreamingStateAsync()).GetProperty("readySeconds").GetDouble());
        await Http.SetReadySecondsAsync(0);
        await Http.ProvisionOkAsync(Token, "rabbitmq", "quick");

        Assert.Equal(("Synced", "Healthy"), await Http.StatusAsync(Token, "rabbitmq", "quick"));

        await Http.ResetAsync();
        var state = await Http.StreamingStateAsync();
        Assert.Equal(2, state.GetProperty("readySeconds").GetDouble());
        Assert.Empty(state.GetProperty("clusters").EnumerateArray());
    }

    [Fact]
    public async Task TheDefaultReadyDelayIsShortInRealTime()
    {
        await Http.ProvisionOkAsync(Token, "rabbitmq", "real-time");
        Assert.Equal("Progressing", (await Http.StatusAsync(Token, "rabbitmq", "real-time")).Health);

        await Task.Delay(TimeSpan.FromSeconds(2.1));

        Assert.Equal(("Synced", "Healthy"), await Http.StatusAsync(Token, "rabbitmq", "real-time"));
    }

    [Fact]
    public async Task ListGivesOneEnginesClustersByNameWithTheirLifetimes()
    {
        await Http.ProvisionOkAsync(Token, "rabbitmq", "zeta");
        await Http.ProvisionOkAsync(Token, "rabbitmq", "alpha", "stream");
        await Http.ProvisionOkAsync(Token, "redis", "cache");

        var answer = await Http.ListClustersAsync(Token, "rabbitmq");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var clusters = answer.Json.GetProperty("clusters").EnumerateArray().ToList();
        Assert.Equal(["alpha", "zeta"], clusters.Select(c => c.GetProperty("name").GetString()));
        Assert.Equal("stream", clusters[0].GetProperty("kind").GetString());
        Assert.Equal("OutOfSync", clusters[0].GetProperty("syncStatus").GetString());
        var lifetime = clusters[0].GetProperty("lifetime");
        // 64-bit on the wire: strings.
        Assert.Equal(JsonValueKind.String, lifetime.GetProperty("secondsLifetime").ValueKind);
        Assert.Equal(SevenDays.ToString(), lifetime.GetProperty("secondsLifetime").GetString());
        Assert.Equal(SevenDays.ToString(), lifetime.GetProperty("secondsRemaining").GetString());
        Assert.False(lifetime.Has("extendedAt"));
        Assert.True(lifetime.GetProperty("provisionedAt").GetDateTimeOffset() <= DateTimeOffset.UtcNow);
        Assert.False(clusters[0].Has("password"));
    }

    [Fact]
    public async Task AnEmptyListLeavesTheListOut()
    {
        var answer = await Http.ListClustersAsync(Token, "redis");

        Assert.Equal("{}", answer.Text);
    }

    [Fact]
    public async Task GetGivesTheFullRecordWithDefaultsFilledIn()
    {
        var provisioned = await Http.ProvisionAsync(Token, "rabbitmq",
            """{"kind":"general","name":"ingest01","resourceSettings":{"cpus":4,"nodes":3},"featureFlags":{"management-ui":false}}""");
        Assert.Equal(HttpStatusCode.OK, provisioned.Status);
        await Http.ProvisionOkAsync(Token, "redis", "cache01");

        var rabbit = (await Http.ClusterAsync(Token, "rabbitmq", "ingest01")).Json.GetProperty("cluster");
        var redis = (await Http.ClusterAsync(Token, "redis", "cache01")).Json.GetProperty("cluster");

        Assert.Equal("ingest01", rabbit.GetProperty("name").GetString());
        Assert.Equal("general", rabbit.GetProperty("kind").GetString());
        Assert.Equal("""{"cpus":4,"ram-gbs":4,"nodes":3}""", rabbit.GetProperty("resourceSettings").GetRawText());
        Assert.Equal("""{"management-ui":false}""", rabbit.GetProperty("featureFlags").GetRawText());
        Assert.Equal(provisioned.Json.GetProperty("password").GetString(), rabbit.GetProperty("password").GetString());
        Assert.Equal(provisioned.Json.GetProperty("amqpsUrl").GetString(), rabbit.GetProperty("amqpsUrl").GetString());
        Assert.Equal(provisioned.Json.GetProperty("mgmtUrl").GetString(), rabbit.GetProperty("mgmtUrl").GetString());
        Assert.False(rabbit.Has("redisUrl"));
        Assert.True(rabbit.GetProperty("lifetime").Has("secondsRemaining"));
        // Redis: redisUrl in the record, where provision said url.
        Assert.StartsWith("redis://stf042-cache01:", redis.GetProperty("redisUrl").GetString());
        Assert.False(redis.Has("amqpsUrl") || redis.Has("mgmtUrl") || redis.Has("url"));
        Assert.Equal("""{"cpus":2,"ram-gbs":4}""", redis.GetProperty("resourceSettings").GetRawText());
        Assert.Equal("stf042-cache01", redis.GetProperty("username").GetString());
    }

    [Fact]
    public async Task ExtendStartsTheSevenDaysAgainFromNow()
    {
        await Http.ProvisionOkAsync(Token, "rabbitmq", "long-lived");
        await Http.AdvanceClockAsync(TimeSpan.FromDays(2));
        var before = (await Http.ClusterAsync(Token, "rabbitmq", "long-lived")).Json.GetProperty("cluster").GetProperty("lifetime");
        Assert.InRange(long.Parse(before.GetProperty("secondsRemaining").GetString()!), SevenDays - 2 * 86400 - 5, SevenDays - 2 * 86400);

        var now = await Http.AdvanceClockAsync(TimeSpan.Zero);
        var answer = await Http.ExtendAsync(Token, "rabbitmq", "long-lived");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var lifetime = answer.Json.GetProperty("lifetime");
        Assert.Equal(SevenDays.ToString(), lifetime.GetProperty("secondsRemaining").GetString());
        Assert.Equal(SevenDays.ToString(), lifetime.GetProperty("secondsLifetime").GetString());
        Assert.InRange(lifetime.GetProperty("extendedAt").GetDateTimeOffset() - now, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Equal(before.GetProperty("provisionedAt").GetString(), lifetime.GetProperty("provisionedAt").GetString());

        // Six more days: gone without the extend, still there with it.
        await Http.AdvanceClockAsync(TimeSpan.FromDays(6));
        Assert.Equal(HttpStatusCode.OK, (await Http.ClusterAsync(Token, "rabbitmq", "long-lived")).Status);
    }

    [Fact]
    public async Task AnyTokenOfTheProjectMayExtend()
    {
        await Http.ProvisionOkAsync(Token, "redis", "shared");
        var other = Emulator.MintToken("stf042", ["data-streaming"], description: "a teammate's").Token;

        Assert.Equal(HttpStatusCode.OK, (await Http.ExtendAsync(other, "redis", "shared")).Status);
    }

    [Fact]
    public async Task DeleteRemovesTheClusterForGood()
    {
        await Http.ProvisionOkAsync(Token, "rabbitmq", "doomed");

        var answer = await Http.DeleteClusterAsync(Token, "rabbitmq", "doomed");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("""{"success":true}""", answer.Text);
        (await Http.ClusterAsync(Token, "rabbitmq", "doomed")).AssertGrpcError(HttpStatusCode.NotFound, 5);
        (await Http.DeleteClusterAsync(Token, "rabbitmq", "doomed")).AssertGrpcError(HttpStatusCode.NotFound, 5);
        (await Http.ExtendAsync(Token, "rabbitmq", "doomed")).AssertGrpcError(HttpStatusCode.NotFound, 5);
        Assert.False((await Http.ListClustersAsync(Token, "rabbitmq")).Json.Has("clusters"));
        // The name is free again.
        await Http.ProvisionOkAsync(Token, "rabbitmq", "doomed");
    }

    [Fact]
    public async Task AtZeroTheClusterIsGone()
    {
        await Http.ProvisionOkAsync(Token, "rabbitmq", "mayfly");

        await Http.AdvanceClockAsync(TimeSpan.FromSeconds(SevenDays - 10));
        var lifetime = (await Http.ClusterAsync(Token, "rabbitmq", "mayfly")).Json.GetProperty("cluster").GetProperty("lifetime");
        Assert.InRange(long.Parse(lifetime.GetProperty("secondsRemaining").GetString()!), 1, 10);

        await Http.AdvanceClockAsync(TimeSpan.FromSeconds(10));
        (await Http.ClusterAsync(Token, "rabbitmq", "mayfly")).AssertGrpcError(HttpStatusCode.NotFound, 5);
        Assert.False((await Http.ListClustersAsync(Token, "rabbitmq")).Json.Has("clusters"));
        (await Http.ExtendAsync(Token, "rabbitmq", "mayfly")).AssertGrpcError(HttpStatusCode.NotFound, 5);
        Assert.Empty((await Http.StreamingStateAsync()).GetProperty("clusters").EnumerateArray());
    }

    [Fact]
    public async Task ASecondClusterOfTheSameNameIsAConflictInOneProjectAndEngineOnly()
    {
        await Http.ProvisionOkAsync(Token, "rabbitmq", "twin");

        var message = (await Http.ProvisionAsync(Token, "rabbitmq", "twin", "stream")).AssertGrpcError(HttpStatusCode.Conflict, 6);

        Assert.Contains("already exists", message);
        Assert.Contains("twin", message);
        await Http.ProvisionOkAsync(Token, "redis", "twin");
        await Http.ProvisionOkAsync(Emulator.MintToken("csc100", ["data-streaming"]).Token, "rabbitmq", "twin");
    }

    [Fact]
    public async Task AnotherProjectsClusterIsNotFound()
    {
        await Http.ProvisionOkAsync(Token, "redis", "private");
        var stranger = Emulator.MintToken("csc100", ["data-streaming"]).Token;

        var message = (await Http.ClusterAsync(stranger, "redis", "private")).AssertGrpcError(HttpStatusCode.NotFound, 5);
        (await Http.ExtendAsync(stranger, "redis", "private")).AssertGrpcError(HttpStatusCode.NotFound, 5);
        (await Http.DeleteClusterAsync(stranger, "redis", "private")).AssertGrpcError(HttpStatusCode.NotFound, 5);

        Assert.Contains("private", message);
        Assert.False((await Http.ListClustersAsync(stranger, "redis")).Json.Has("clusters"));
        Assert.Equal(HttpStatusCode.OK, (await Http.ClusterAsync(Token, "redis", "private")).Status);
    }

    [Theory]
    [InlineData("GET", "/list_backends")]
    [InlineData("POST", "/redis/provision_cluster")]
    [InlineData("GET", "/redis/list_clusters")]
    [InlineData("GET", "/redis/cluster/x")]
    [InlineData("POST", "/rabbitmq/extend/x")]
    [InlineData("DELETE", "/rabbitmq/cluster/x")]
    public async Task EveryCallNeedsTheDataStreamingScope(string method, string path)
    {
        var computeOnly = Emulator.MintToken("stf042", ["compute-ace"]).Token;

        var answer = await Http.SendAsync(new HttpMethod(method), StreamingCalls.Base + path, computeOnly, """{"kind":"general","name":"x"}""");

        Assert.Contains("'data-streaming'", answer.AssertGrpcError(HttpStatusCode.Forbidden, 7));
        answer = await Http.SendAsync(new HttpMethod(method), StreamingCalls.Base + path, token: null);
        answer.AssertGrpcError(HttpStatusCode.Unauthorized, 16);
    }

    [Fact]
    public async Task AnotherEnclaveInThePathIsForbidden()
    {
        var answer = await Http.FetchAsync("/olcf/moderate/v1alpha/streaming/list_backends", Token);

        Assert.Contains("'open'", answer.AssertGrpcError(HttpStatusCode.Forbidden, 7));
    }

    [Fact]
    public async Task ThePathWithoutAnEnclaveMeansTheTokensOwn()
    {
        var token = Token;
        await Http.ProvisionOkAsync(token, "redis", "short01");

        var answer = await Http.FetchAsync("/olcf/v1alpha/streaming/redis/list_clusters", token);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains("short01", answer.Json.GetProperty("clusters").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData("GET", "/kafka/list_clusters")]
    [InlineData("POST", "/kafka/provision_cluster")]
    [InlineData("GET", "/RabbitMQ/cluster/x")]
    public async Task AnUnknownEngineIsNotFound(string method, string path)
    {
        var answer = await Http.SendAsync(new HttpMethod(method), StreamingCalls.Base + path, Token, """{"kind":"general","name":"x"}""");

        Assert.Contains("rabbitmq, redis", answer.AssertGrpcError(HttpStatusCode.NotFound, 5));
    }

    [Fact]
    public async Task AForcedHealthWordShowsUntilItIsCleared()
    {
        await Http.SetReadySecondsAsync(0);
        await Http.ProvisionOkAsync(Token, "rabbitmq", "wobbly");

        var forced = await Http.ForceHealthAsync("rabbitmq", "wobbly", new { healthStatus = "Degraded" });

        Assert.Equal(HttpStatusCode.OK, forced.Status);
        Assert.Equal("Degraded", forced.Json.GetProperty("healthStatus").GetString());
        Assert.Equal(("Synced", "Degraded"), await Http.StatusAsync(Token, "rabbitmq", "wobbly"));
        var listed = (await Http.ListClustersAsync(Token, "rabbitmq")).Json.GetProperty("clusters")[0];
        Assert.Equal("Degraded", listed.GetProperty("healthStatus").GetString());

        // Any word at all, so clients can meet words they do not know.
        await Http.ForceHealthAsync("rabbitmq", "wobbly", new { syncStatus = "Unknown", healthStatus = "Rebalancing" });
        Assert.Equal(("Unknown", "Rebalancing"), await Http.StatusAsync(Token, "rabbitmq", "wobbly"));

        await Http.ForceHealthAsync("rabbitmq", "wobbly", new { syncStatus = "", healthStatus = "" });
        Assert.Equal(("Synced", "Healthy"), await Http.StatusAsync(Token, "rabbitmq", "wobbly"));
    }

    [Fact]
    public async Task TheHealthControlFindsTheClusterOrSaysWhy()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Http.ForceHealthAsync("redis", "none", new { healthStatus = "Degraded" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.ForceHealthAsync("redis", "none", new { })).Status);

        await Http.ProvisionOkAsync(Token, "rabbitmq", "common");
        await Http.ProvisionOkAsync(Emulator.MintToken("csc100", ["data-streaming"]).Token, "rabbitmq", "common");
        var ambiguous = await Http.ForceHealthAsync("rabbitmq", "common", new { healthStatus = "Degraded" });
        Assert.Equal(HttpStatusCode.BadRequest, ambiguous.Status);
        Assert.Contains("project", ambiguous.Json.GetProperty("error").GetString());

        var chosen = await Http.ForceHealthAsync("rabbitmq", "common", new { healthStatus = "Degraded", project = "csc100" });
        Assert.Equal("csc100", chosen.Json.GetProperty("project").GetString());
        Assert.NotEqual("Degraded", (await Http.StatusAsync(Token, "rabbitmq", "common")).Health);
    }

    [Theory]
    [InlineData("omitted", "{}")]
    [InlineData("false", """{"success":false}""")]
    public async Task ARefusedDeleteAnswersWithoutSuccessAndTheClusterStays(string refusal, string body)
    {
        await Http.ProvisionOkAsync(Token, "rabbitmq", "sticky");

        var set = await Http.RefuseDeleteAsync("rabbitmq", "sticky", new { refusal });
        var refused = await Http.DeleteClusterAsync(Token, "rabbitmq", "sticky");

        Assert.Equal(refusal, set.Json.GetProperty("deleteRefusal").GetString());
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal(body, refused.Text);
        Assert.Equal(HttpStatusCode.OK, (await Http.ClusterAsync(Token, "rabbitmq", "sticky")).Status);

        await Http.RefuseDeleteAsync("rabbitmq", "sticky", new { refusal = "" });
        var deleted = await Http.DeleteClusterAsync(Token, "rabbitmq", "sticky");
        Assert.Equal("""{"success":true}""", deleted.Text);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.ClusterAsync(Token, "rabbitmq", "sticky")).Status);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"refusal":"maybe"}""")]
    [InlineData("""{"refusal":"False"}""")]
    [InlineData("""{"refuse":"false"}""")]
    public async Task TheDeleteRefusalControlRefusesBadBodies(string body)
    {
        await Http.ProvisionOkAsync(Token, "redis", "stays");

        var answer = await Http.SendAsync(HttpMethod.Post, "/_emulator/streaming/redis/stays/delete-refusal", body: body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.RefuseDeleteAsync("redis", "none", new { refusal = "false" })).Status);
    }

    [Theory]
    [InlineData("""{"readySeconds":-1}""")]
    [InlineData("""{}""")]
    [InlineData("""{"readySecs":1}""")]
    public async Task TheStreamingControlRefusesBadSettings(string body)
    {
        var answer = await Http.SendAsync(HttpMethod.Post, "/_emulator/streaming", body: body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
    }

    [Fact]
    public async Task StreamingCallsAreLoggedAndControlOnesAreNot()
    {
        await Http.SetReadySecondsAsync(0);
        await Http.ProvisionOkAsync(Token, "redis", "logged");

        var logged = Assert.Single(await Http.LoggedRequestsAsync());

        Assert.Equal($"{StreamingCalls.Base}/redis/provision_cluster", logged.GetProperty("path").GetString());
        Assert.Equal(200, logged.GetProperty("status").GetInt32());
    }
}
