using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using S3M.Emulator.Gateway;
using S3M.Emulator.Tests.Support;

namespace S3M.Emulator.Tests;

public sealed class DialectTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    [Fact]
    public async Task ZeroValuesAreLeftOut()
    {
        var frontier = (await Http.FetchAsync("/olcf/v1alpha/status/frontier")).Json;
        var quokkaDowntime = (await Http.FetchAsync("/olcf/v1alpha/status/downtimes")).Json.GetProperty("downtimes")[0];
        var token = Emulator.MintToken("stf042", ["compute-ace"]);
        var info = (await Http.IntrospectAsync(token.Token)).Json.GetProperty("token");

        Assert.False(frontier.Has("annotations"));
        Assert.False(frontier.Has("downtimeScheduleAvailable"));
        Assert.False(frontier.Has("upcomingDowntimes"));
        Assert.False(quokkaDowntime.GetProperty("attributes").Has("scheduled"));
        Assert.True(quokkaDowntime.GetProperty("attributes").GetProperty("reboot").GetBoolean());
        Assert.False(info.Has("description"));
        Assert.False(info.Has("oneTimeToken"));
        Assert.False(info.Has("extensions"));
    }

    [Fact]
    public async Task AnEnumsZeroWordIsLeftOut()
    {
        var orion = (await Http.FetchAsync("/olcf/v1alpha/status/orion")).Json;
        var listed = (await Http.FetchAsync("/olcf/v1alpha/status")).Json.GetProperty("resources").EnumerateArray()
            .Single(r => r.GetProperty("name").GetString() == "orion");

        Assert.False(orion.Has("status"));
        Assert.False(listed.Has("status"));
        Assert.Equal("UNAVAILABLE", (await Http.FetchAsync("/olcf/v1alpha/status/quokka")).Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task TheFullFormWritesZeroValuesUntilReset()
    {
        var token = Emulator.MintToken("stf042", ["compute-ace"]).Token;

        var settings = await Http.SetDialectAsync(new { zeroFields = "write" });
        var frontier = (await Http.FetchAsync("/olcf/v1alpha/status/frontier")).Json;
        var orion = (await Http.FetchAsync("/olcf/v1alpha/status/orion")).Json;
        var info = (await Http.IntrospectAsync(token)).Json.GetProperty("token");
        var backends = (await Http.FetchAsync("/olcf/open/v1alpha/streaming/list_backends", Emulator.MintToken("stf042", ["data-streaming"]).Token)).Json;

        Assert.Equal("write", settings.GetProperty("zeroFields").GetString());
        Assert.Equal("{}", frontier.GetProperty("annotations").GetRawText());
        Assert.Equal(JsonValueKind.False, frontier.GetProperty("downtimeScheduleAvailable").ValueKind);
        Assert.Equal("[]", frontier.GetProperty("upcomingDowntimes").GetRawText());
        Assert.Equal("UNSPECIFIED", orion.GetProperty("status").GetString());
        Assert.Equal("", info.GetProperty("description").GetString());
        Assert.Equal("0", info.GetProperty("extensions").GetString());
        Assert.Contains(backends.GetProperty("backends").EnumerateArray().SelectMany(b => b.GetProperty("featureFlags").EnumerateArray()),
            f => f.GetProperty("default").ValueKind == JsonValueKind.False);

        await Http.ResetAsync();
        Assert.False((await Http.FetchAsync("/olcf/v1alpha/status/frontier")).Json.Has("annotations"));
        Assert.Equal("omit", (await Http.ControlAsync(HttpMethod.Get, "dialect")).Json.GetProperty("zeroFields").GetString());
    }

    [Fact]
    public async Task TheDialectStartsSparseAndRefusesUnknownWords()
    {
        var start = (await Http.ControlAsync(HttpMethod.Get, "dialect")).Json;

        var bad = await Http.SendAsync(HttpMethod.Post, "/_emulator/dialect", body: """{"ping":"PingedOnly"}""");
        var unknown = await Http.SendAsync(HttpMethod.Post, "/_emulator/dialect", body: """{"zeros":"write"}""");
        var partial = await Http.SetDialectAsync(new { accountingJob = "minimal" });

        Assert.Equal("""{"zeroFields":"omit","ping":"current","accountingJob":"complete"}""", start.GetRawText());
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("ping", bad.Json.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("""{"zeroFields":"omit","ping":"current","accountingJob":"minimal"}""", partial.GetRawText());
    }

    [Fact]
    public async Task Int64IsWrittenAsAString()
    {
        var minted = await Http.ControlAsync(HttpMethod.Post, "tokens", new { project = "stf042", scopes = new[] { "compute-ace" }, extensions = 3 });
        var token = minted.Json.GetProperty("token").GetString();

        var extensions = (await Http.IntrospectAsync(token)).Json.GetProperty("token").GetProperty("extensions");

        Assert.Equal(JsonValueKind.String, extensions.ValueKind);
        Assert.Equal("3", extensions.GetString());
    }

    [Fact]
    public async Task TimestampsAreRfc3339InUtc()
    {
        var text = (await Http.FetchAsync("/olcf/v1alpha/status")).Text;
        var timestamps = Regex.Matches(text, "\"(?:retrievedAt|start|end|updatedAt)\":\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(timestamps);
        Assert.All(timestamps, t => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3}|\.\d{6}|\.\d{9})?Z$", t));
    }

    [Theory]
    [InlineData(0L, "2025-11-28T09:30:00Z")]
    [InlineData(1_250_000L, "2025-11-28T09:30:00.125Z")]
    [InlineData(1_234_560L, "2025-11-28T09:30:00.123456Z")]
    [InlineData(1_234_567L, "2025-11-28T09:30:00.123456700Z")]
    public void TimestampsCarryProtobufFractionDigits(long ticks, string expected)
    {
        var time = new DateTimeOffset(2025, 11, 28, 4, 30, 0, TimeSpan.FromHours(-5)).AddTicks(ticks);

        Assert.Equal(expected, Rfc3339Converter.Format(time));
    }

    [Fact]
    public async Task UnknownRouteIsGrpcNotFound()
    {
        var answer = await Http.FetchAsync("/olcf/v1/no/such/service");

        answer.AssertGrpcError(HttpStatusCode.NotFound, 5);
    }

    [Fact]
    public async Task WrongMethodIsAGrpcError()
    {
        var answer = await Http.SendAsync(HttpMethod.Post, "/olcf/v1alpha/status");

        answer.AssertGrpcError(HttpStatusCode.MethodNotAllowed, 12);
    }

    [Fact]
    public async Task UnreadableQueryIsGrpcInvalidArgument()
    {
        var token = Emulator.MintToken("stf042", ["compute-ace"]).Token;

        var answer = await Http.FetchAsync("/olcf/v1/token/ctls/introspect?grpcPermissions=maybe", token);

        answer.AssertGrpcError(HttpStatusCode.BadRequest, 3);
    }

    [Theory]
    [InlineData(3, 400)]
    [InlineData(5, 404)]
    [InlineData(6, 409)]
    [InlineData(7, 403)]
    [InlineData(8, 429)]
    [InlineData(13, 500)]
    [InlineData(14, 503)]
    [InlineData(16, 401)]
    public void GrpcCodesMapToTheGatewaysHttpStatus(int code, int status)
    {
        Assert.Equal(status, GrpcCodes.HttpStatusOf((GrpcCode)code));
        Assert.Equal((GrpcCode)code, GrpcCodes.FromHttpStatus(status));
    }
}
