using System.Diagnostics;
using System.Net;
using S3M.Emulator.Tests.Support;

namespace S3M.Emulator.Tests;

public sealed class FaultTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    private const string Status = "/olcf/v1alpha/status";

    [Fact]
    public async Task ConcurrentRequestsUseUpExactlyTheCount()
    {
        await Http.ArmFaultAsync(new { path = Status, count = 3, status = 503 });

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Http.FetchAsync(Status)));

        Assert.Equal(3, answers.Count(a => a.Status == HttpStatusCode.ServiceUnavailable));
        Assert.Equal(9, answers.Count(a => a.Status == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.OK, (await Http.FetchAsync(Status)).Status);
    }

    [Fact]
    public async Task AnswersWithRetryAfterAndTheGatewaysErrorBody()
    {
        await Http.ArmFaultAsync(new { path = Status, status = 429, retryAfter = "7" });

        var answer = await Http.FetchAsync(Status);

        answer.AssertGrpcError(HttpStatusCode.TooManyRequests, 8);
        Assert.Equal(TimeSpan.FromSeconds(7), answer.Response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task MethodFilterLeavesOtherMethodsAlone()
    {
        await Http.ArmFaultAsync(new { path = "/olcf/v1/token/ctls/revoke", method = "DELETE", status = 500 });
        var token = Emulator.MintToken("stf042", ["compute-ace"]).Token;

        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await Http.FetchAsync("/olcf/v1/token/ctls/revoke", token)).Status);
        (await Http.SendAsync(HttpMethod.Delete, "/olcf/v1/token/ctls/revoke", token)).AssertGrpcError(HttpStatusCode.InternalServerError, 13);
        Assert.Equal(HttpStatusCode.OK, (await Http.IntrospectAsync(token)).Status);
    }

    [Fact]
    public async Task StarPathMatchesByPrefixAndPlainPathOnlyItself()
    {
        await Http.ArmFaultAsync(new { path = Status + "/*", count = 5, status = 503 });
        await Http.ArmFaultAsync(new { path = "/olcf/v1alpha/stat", count = 5, status = 502 });

        Assert.Equal(HttpStatusCode.OK, (await Http.FetchAsync(Status)).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Http.FetchAsync(Status + "/odo")).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Http.FetchAsync(Status + "/downtimes/upcoming")).Status);
    }

    [Fact]
    public async Task LatencyAloneDelaysThenServesNormally()
    {
        await Http.ArmFaultAsync(new { path = Status + "/odo", latencyMs = 300 });
        var clock = Stopwatch.StartNew();

        var answer = await Http.FetchAsync(Status + "/odo");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("odo", answer.Json.GetProperty("name").GetString());
        Assert.True(clock.ElapsedMilliseconds >= 280, $"answered after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task CustomBodyAndContentTypeAreSentAsGiven()
    {
        await Http.ArmFaultAsync(new { path = Status, status = 502, body = "<html>Bad gateway</html>", contentType = "text/html" });

        var answer = await Http.FetchAsync(Status);

        Assert.Equal(HttpStatusCode.BadGateway, answer.Status);
        Assert.Equal("text/html", answer.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("<html>Bad gateway</html>", answer.Text);
    }

    [Theory]
    [InlineData("""{"path":"/olcf/v1alpha/status","status":503,"mode":"reset"}""", "mode")]
    [InlineData("""{"path":"/olcf/v1alpha/status"}""", "status")]
    [InlineData("""{"path":"olcf","status":503}""", "path")]
    [InlineData("""{"path":"/olcf/v1alpha/status","status":503,"count":0}""", "count")]
    [InlineData("""{"path":"/olcf/v1alpha/status","status":42}""", "status")]
    [InlineData("""{"path":"/olcf/v1alpha/status","status":503,"times":2}""", "times")]
    public async Task BadFaultsAreRefused(string body, string expected)
    {
        var answer = await Http.SendAsync(HttpMethod.Post, "/_emulator/faults", body: body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains(expected, answer.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task DeletingFaultsDisarmsThemAll()
    {
        await Http.ArmFaultAsync(new { path = "/*", count = 10, status = 503 });

        Assert.Equal(HttpStatusCode.NoContent, (await Http.ControlAsync(HttpMethod.Delete, "faults")).Status);

        Assert.Equal(HttpStatusCode.OK, (await Http.FetchAsync(Status)).Status);
    }

    [Fact]
    public async Task ControlPathsAreNeverFaulted()
    {
        await Http.ArmFaultAsync(new { path = "/*", status = 503 });

        Assert.Equal(HttpStatusCode.OK, (await Http.ControlAsync(HttpMethod.Get, "requests")).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Http.FetchAsync(Status)).Status);
    }
}
