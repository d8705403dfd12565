using System.Net;
using S3M.Emulator.Tests.Support;

namespace S3M.Emulator.Tests;

public sealed class RequestLogTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    [Fact]
    public async Task LogsWhatReachedTheServer()
    {
        var token = Emulator.MintToken("stf042", ["compute-ace"]);

        await Http.SendAsync(HttpMethod.Post, "/olcf/v1alpha/status?x=1&y=2", token.Token, body: """{"hello":"world"}""", userAgent: "S3M-Tests/1.0");

        var logged = Assert.Single(await Http.LoggedRequestsAsync());
        Assert.Equal("POST", logged.GetProperty("method").GetString());
        Assert.Equal("/olcf/v1alpha/status", logged.GetProperty("path").GetString());
        Assert.Equal("x=1&y=2", logged.GetProperty("query").GetString());
        Assert.Equal("S3M-Tests/1.0", logged.GetProperty("userAgent").GetString());
        Assert.Equal(token.TokenId, logged.GetProperty("tokenId").GetString());
        Assert.True(logged.GetProperty("hasAuthorization").GetBoolean());
        Assert.Equal(405, logged.GetProperty("status").GetInt32());
        Assert.Equal("""{"hello":"world"}""", logged.GetProperty("body").GetString());
    }

    [Fact]
    public async Task KeepsArrivalOrderAndTellsAnInvalidTokenFromNone()
    {
        var token = Emulator.MintToken("stf042", ["compute-ace"]);

        await Http.FetchAsync("/olcf/v1alpha/status");
        await Http.IntrospectAsync("not-a-token");
        await Http.SendAsync(HttpMethod.Delete, "/olcf/v1/token/ctls/revoke", token.Token);

        var logged = await Http.LoggedRequestsAsync();
        Assert.Equal(["/olcf/v1alpha/status", "/olcf/v1/token/ctls/introspect", "/olcf/v1/token/ctls/revoke"],
            logged.Select(r => r.GetProperty("path").GetString()));
        Assert.False(logged[0].GetProperty("hasAuthorization").GetBoolean());
        Assert.True(logged[1].GetProperty("hasAuthorization").GetBoolean());
        Assert.Equal(401, logged[1].GetProperty("status").GetInt32());
        Assert.Null(logged[1].GetProperty("tokenId").GetString());
        // The revoke is logged with the token it revoked: it was valid when it arrived.
        Assert.Equal(token.TokenId, logged[2].GetProperty("tokenId").GetString());
    }

    [Fact]
    public async Task NeverHoldsTheToken()
    {
        var token = Emulator.MintToken("stf042", ["compute-ace"]).Token;

        await Http.IntrospectAsync(token, grpcPermissions: true);
        await Http.SendAsync(HttpMethod.Delete, "/olcf/v1/token/ctls/revoke", token);
        await Http.IntrospectAsync(token);

        var log = (await Http.ControlAsync(HttpMethod.Get, "requests")).Text;
        Assert.Equal(3, (await Http.LoggedRequestsAsync()).Length);
        Assert.DoesNotContain(token.Split('.')[2], log);
        Assert.DoesNotContain(token.Split('.')[1], log);
    }

    [Fact]
    public async Task LogsFaultedRequestsButNotControlOnes()
    {
        await Http.ArmFaultAsync(new { path = "/olcf/v1alpha/status", status = 503 });

        await Http.FetchAsync("/olcf/v1alpha/status");
        await Http.AdvanceClockAsync(TimeSpan.Zero);

        var logged = Assert.Single(await Http.LoggedRequestsAsync());
        Assert.Equal(503, logged.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task DeletingTheLogEmptiesIt()
    {
        await Http.FetchAsync("/olcf/v1alpha/status");

        Assert.Equal(HttpStatusCode.NoContent, (await Http.ControlAsync(HttpMethod.Delete, "requests")).Status);

        Assert.Empty(await Http.LoggedRequestsAsync());
    }

    [Fact]
    public async Task ResetClearsFaultsLogAndClock()
    {
        await Http.ArmFaultAsync(new { path = "/*", count = 5, status = 503 });
        await Http.FetchAsync("/olcf/v1alpha/status");
        var advanced = await Http.AdvanceClockAsync(TimeSpan.FromDays(3));

        await Http.ResetAsync();

        Assert.Empty(await Http.LoggedRequestsAsync());
        var now = await Http.AdvanceClockAsync(TimeSpan.Zero);
        Assert.InRange(now - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(-5), TimeSpan.FromSeconds(5));
        Assert.True(advanced - now > TimeSpan.FromDays(2));
        Assert.Equal(HttpStatusCode.OK, (await Http.FetchAsync("/olcf/v1alpha/status")).Status);
    }

    [Fact]
    public async Task ClockOnlyMovesForward()
    {
        var answer = await Http.ControlAsync(HttpMethod.Post, "clock", new { advanceSeconds = -60 });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
    }
}
