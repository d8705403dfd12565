using System.Net;
using System.Text;
using System.Text.Json;
using S3M.Emulator.Tests.Streaming;
using S3M.Emulator.Tests.Support;

namespace S3M.Emulator.Tests;

/// <summary>The fault modes besides "status": what reaches a plain HttpClient, byte for byte.</summary>
public sealed class FaultModeTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    private const string Status = "/olcf/v1alpha/status";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>A client that follows nothing and retries nothing, so each fault shows as it is.</summary>
    private HttpClient Raw() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.Zero })
        {
            BaseAddress = Emulator.BaseUri,
            Timeout = Limit,
        };

    [Fact]
    public async Task ResetClosesTheConnectionBeforeAnyAnswerThenServesNormally()
    {
        await Http.ArmFaultAsync(new { path = Status, mode = "reset", count = 2 });
        using var raw = Raw();

        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => raw.GetAsync(Status));
        }

        Assert.Equal(HttpStatusCode.OK, (await raw.GetAsync(Status)).StatusCode);
        // Logged like any request; the status is the default the emulator never sent.
        Assert.All(await SettledLogAsync(), r => Assert.Equal(200, r.GetProperty("status").GetInt32()));
        Assert.Equal(3, (await Http.LoggedRequestsAsync()).Length);
    }

    [Fact]
    public async Task ResetWaitsForTheLatencyFirst()
    {
        await Http.ArmFaultAsync(new { path = Status, mode = "reset", latencyMs = 300 });
        using var raw = Raw();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAsync<HttpRequestException>(() => raw.GetAsync(Status));

        Assert.True(clock.ElapsedMilliseconds >= 280, $"reset after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task TruncateAnnouncesTheWholeBodySendsPartThenCloses()
    {
        const string body = """{"resources":[{"name":"odo"},{"name":"defiant"}]}""";
        await Http.ArmFaultAsync(new { path = Status, mode = "truncate", body, sendBytes = 20, contentType = "application/json; charset=utf-8" });
        using var raw = Raw();

        using var response = await raw.GetAsync(Status, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Encoding.UTF8.GetByteCount(body), response.Content.Headers.ContentLength);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);

        var (received, failure) = await ReadUntilFailureAsync(response);
        Assert.Equal(body[..20], Encoding.UTF8.GetString(received));
        Assert.IsAssignableFrom<IOException>(failure);
    }

    [Fact]
    public async Task TruncateDefaultsToHalfOfAJsonDocumentWithTheStatusGiven()
    {
        await Http.ArmFaultAsync(new { path = Status, mode = "truncate", status = 503 });
        using var raw = Raw();

        using var response = await raw.GetAsync(Status, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var announced = response.Content.Headers.ContentLength!.Value;
        var (received, failure) = await ReadUntilFailureAsync(response);
        Assert.NotNull(failure);
        Assert.Equal(announced / 2, received.Length);
        Assert.StartsWith("{\"resources\":[", Encoding.UTF8.GetString(received));
    }

    [Fact]
    public async Task ResetAfterRunsTheRealHandlerThenClosesWithoutAnswering()
    {
        var token = Emulator.MintToken("stf042", ["data-streaming"]).Token;
        var provision = $"{StreamingCalls.Base}/rabbitmq/provision_cluster";
        await Http.ArmFaultAsync(new { path = provision, method = "POST", mode = "resetAfter" });
        using var raw = Raw();

        using var request = new HttpRequestMessage(HttpMethod.Post, provision)
        {
            Content = new StringContent("""{"kind":"general","name":"lost-answer"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", token);
        await Assert.ThrowsAsync<HttpRequestException>(() => raw.SendAsync(request));

        Assert.Equal(HttpStatusCode.OK, (await Http.ClusterAsync(token, "rabbitmq", "lost-answer")).Status);
        var logged = Assert.Single(await SettledLogAsync(), r => r.GetProperty("method").GetString() == "POST");
        Assert.Equal(200, logged.GetProperty("status").GetInt32());
        Assert.Contains("lost-answer", logged.GetProperty("body").GetString());
    }

    [Fact]
    public async Task ResetAfterOnAFailingCallStillSendsNothing()
    {
        await Http.ArmFaultAsync(new { path = Status + "/nosuch", mode = "resetAfter" });
        using var raw = Raw();

        await Assert.ThrowsAsync<HttpRequestException>(() => raw.GetAsync(Status + "/nosuch"));

        Assert.Equal(404, Assert.Single(await SettledLogAsync()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task ResetAfterWaitsItsLatencyAfterTheHandlerRan()
    {
        var token = Emulator.MintToken("stf042", ["data-streaming"]).Token;
        var provision = $"{StreamingCalls.Base}/redis/provision_cluster";
        await Http.ArmFaultAsync(new { path = provision, method = "POST", mode = "resetAfter", latencyMs = 20_000 });
        using var raw = Raw();
        raw.Timeout = TimeSpan.FromMilliseconds(500);

        using var request = new HttpRequestMessage(HttpMethod.Post, provision)
        {
            Content = new StringContent("""{"kind":"general","name":"slow-answer"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => raw.SendAsync(request));

        // The client gave up waiting, but the cluster was made before the wait began.
        Assert.Equal(HttpStatusCode.OK, (await Http.ClusterAsync(token, "redis", "slow-answer")).Status);
    }

    [Theory]
    [InlineData(502)]
    [InlineData(504)]
    public async Task StatusAfterRunsTheRealHandlerThenAnswersTheStatus(int status)
    {
        var token = Emulator.MintToken("stf042", ["data-streaming"]).Token;
        var provision = $"{StreamingCalls.Base}/redis/provision_cluster";
        await Http.ArmFaultAsync(new { path = provision, method = "POST", mode = "statusAfter", status });

        var answer = await Http.ProvisionAsync(token, "redis", name: "upstream-acted");

        Assert.Equal(status, (int)answer.Status);
        Assert.Contains("after the handler ran", answer.Json.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Http.ClusterAsync(token, "redis", "upstream-acted")).Status);
    }

    [Fact]
    public async Task GzipBombInflatesToExactlyTheSizeFromASmallBody()
    {
        const int size = 8 * 1024 * 1024;
        await Http.ArmFaultAsync(new { path = Status, mode = "gzipBomb", sizeBytes = size });
        using var raw = Raw();

        using var response = await raw.GetAsync(Status, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Null(response.Content.Headers.ContentLength);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length < size / 100, $"{compressed.Length} bytes on the wire");
        using var inflated = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress))
        {
            await gzip.CopyToAsync(inflated);
        }

        Assert.Equal(size, inflated.Length);
        using var json = JsonDocument.Parse(inflated.ToArray());
        Assert.Equal(size - """{"padding":""}""".Length, json.RootElement.GetProperty("padding").GetString()!.Length);
    }

    [Fact]
    public async Task EndlessNeverEndsUntilTheClientLeaves()
    {
        await Http.ArmFaultAsync(new { path = Status, mode = "endless" });
        using var raw = Raw();

        using var response = await raw.GetAsync(Status, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentLength);
        using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long total = 0;
        while (total < 32L * 1024 * 1024)
        {
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(Limit);
            Assert.NotEqual(0, read);
            total += read;
        }

        // Leaving ends it, and the emulator goes on serving.
        response.Dispose();
        Assert.Equal(HttpStatusCode.OK, (await Http.FetchAsync(Status)).Status);
    }

    [Fact]
    public async Task BytesAreSentExactlyWithStatusContentTypeAndRetryAfter()
    {
        byte[] invalidUtf8 = [(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, 0xFF, (byte)'"', (byte)'}'];
        await Http.ArmFaultAsync(new { path = Status, mode = "bytes", bodyBase64 = Convert.ToBase64String(invalidUtf8), status = 429, retryAfter = "2", contentType = "application/octet-stream" });
        using var raw = Raw();

        using var response = await raw.GetAsync(Status);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Equal(invalidUtf8, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task BytesDefaultToA200AndMayBeEmpty()
    {
        await Http.ArmFaultAsync(new { path = Status, mode = "bytes", bodyBase64 = "" });
        using var raw = Raw();

        using var response = await raw.GetAsync(Status);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task LargePadsTheRealAnswerToExactlyTheSizeAsValidJson()
    {
        const int size = 10 * 1024 * 1024;
        await Http.ArmFaultAsync(new { path = Status, mode = "large", sizeBytes = size });
        using var raw = Raw();

        using var response = await raw.GetAsync(Status);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(size, response.Content.Headers.ContentLength);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(size, bytes.Length);
        using var json = JsonDocument.Parse(bytes);
        Assert.Contains(json.RootElement.GetProperty("resources").EnumerateArray(), r => r.GetProperty("name").GetString() == "odo");
        Assert.All(json.RootElement.GetProperty("padding").GetString()!, c => Assert.Equal('x', c));
    }

    [Fact]
    public async Task LargeSmallerThanTheRealAnswerSendsItWithAnEmptyPadding()
    {
        await Http.ArmFaultAsync(new { path = Status, mode = "large", sizeBytes = 10 });
        using var raw = Raw();

        var text = await raw.GetStringAsync(Status);

        using var json = JsonDocument.Parse(text);
        Assert.Equal("", json.RootElement.GetProperty("padding").GetString());
        Assert.NotEmpty(json.RootElement.GetProperty("resources").EnumerateArray());
    }

    [Fact]
    public async Task LargeKeepsTheRealStatusOfAnError()
    {
        await Http.ArmFaultAsync(new { path = Status + "/nosuch", mode = "large", sizeBytes = 4096 });
        using var raw = Raw();

        using var response = await raw.GetAsync(Status + "/nosuch");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(4096, bytes.Length);
        using var json = JsonDocument.Parse(bytes);
        Assert.Equal(5, json.RootElement.GetProperty("code").GetInt32());
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task RedirectAnswersTheStatusWithTheLocation(int status)
    {
        await Http.ArmFaultAsync(new { path = Status, mode = "redirect", status, location = "http://127.0.0.1:9/elsewhere?x=1" });
        using var raw = Raw();

        using var response = await raw.GetAsync(Status);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(new Uri("http://127.0.0.1:9/elsewhere?x=1"), response.Headers.Location);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ARelativeRedirectIsFollowedOnTheSameEmulator()
    {
        await Http.ArmFaultAsync(new { path = Status + "/elsewhere", mode = "redirect", status = 307, location = Status + "/odo" });
        using var follows = new HttpClient { BaseAddress = Emulator.BaseUri, Timeout = Limit };

        var text = await follows.GetStringAsync(Status + "/elsewhere");

        Assert.Equal("odo", JsonDocument.Parse(text).RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task StatusModeIsStillTheDefaultAndSaysSo()
    {
        await Http.ArmFaultAsync(new { path = Status, status = 502, mode = "status" });
        await Http.ArmFaultAsync(new { path = Status, status = 503 });

        Assert.Equal(HttpStatusCode.BadGateway, (await Http.FetchAsync(Status)).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Http.FetchAsync(Status)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Http.FetchAsync(Status)).Status);
    }

    [Theory]
    [InlineData("""{"path":"/x","mode":"explode"}""", "unknown fault mode \"explode\"; known modes: status, reset, truncate, resetAfter, bytes, large, redirect, statusAfter, gzipBomb, endless")]
    [InlineData("""{"path":"/x","mode":"statusAfter"}""", "mode \"statusAfter\" needs a status")]
    [InlineData("""{"path":"/x","mode":"statusAfter","status":502,"location":"/y"}""", "location does not apply")]
    [InlineData("""{"path":"/x","mode":"gzipBomb"}""", "mode \"gzipBomb\" needs sizeBytes")]
    [InlineData("""{"path":"/x","mode":"gzipBomb","sizeBytes":0}""", "must be 1 or more and at most 17179869184")]
    [InlineData("""{"path":"/x","mode":"endless","status":200}""", "status does not apply to mode \"endless\"")]
    [InlineData("""{"path":"/x","mode":"Reset"}""", "unknown fault mode")]
    [InlineData("""{"path":"/x","mode":"reset","status":503}""", "status does not apply to mode \"reset\"")]
    [InlineData("""{"path":"/x","mode":"resetAfter","body":"x"}""", "body does not apply to mode \"resetAfter\"")]
    [InlineData("""{"path":"/x","mode":"status","status":200,"bodyBase64":"AA=="}""", "bodyBase64 does not apply to mode \"status\"")]
    [InlineData("""{"path":"/x","mode":"status","status":200,"sizeBytes":5}""", "sizeBytes does not apply")]
    [InlineData("""{"path":"/x","mode":"large","sizeBytes":5,"status":200}""", "status does not apply to mode \"large\"")]
    [InlineData("""{"path":"/x","mode":"redirect","status":302,"location":"/y","body":"z"}""", "body does not apply")]
    [InlineData("""{"path":"/x","mode":"truncate","location":"/y"}""", "location does not apply")]
    [InlineData("""{"path":"x","mode":"reset"}""", "path must start")]
    [InlineData("""{"path":"/x","mode":"reset","count":0}""", "count must be 1 or more")]
    [InlineData("""{"path":"/x","mode":"reset","latencyMs":-1}""", "latencyMs must not be negative")]
    [InlineData("""{"path":"/x","mode":"truncate","body":""}""", "must not be empty")]
    [InlineData("""{"path":"/x","mode":"truncate","body":"{}","sendBytes":2}""", "sendBytes must be 0 or more and less than the body's 2 bytes")]
    [InlineData("""{"path":"/x","mode":"truncate","sendBytes":-1}""", "sendBytes must be 0 or more")]
    [InlineData("""{"path":"/x","mode":"truncate","status":99}""", "status must be an HTTP status")]
    [InlineData("""{"path":"/x","mode":"bytes"}""", "needs bodyBase64")]
    [InlineData("""{"path":"/x","mode":"bytes","bodyBase64":"not base64!"}""", "bodyBase64 is not valid base64")]
    [InlineData("""{"path":"/x","mode":"bytes","bodyBase64":"AA==","retryAfter":"1\n2"}""", "retryAfter must be one line")]
    [InlineData("""{"path":"/x","mode":"large"}""", "needs sizeBytes")]
    [InlineData("""{"path":"/x","mode":"large","sizeBytes":0}""", "sizeBytes must be 1 or more")]
    [InlineData("""{"path":"/x","mode":"large","sizeBytes":2000000000}""", "at most 1073741824")]
    [InlineData("""{"path":"/x","mode":"redirect","location":"/y"}""", "needs a status among 301, 302, 303, 307, 308")]
    [InlineData("""{"path":"/x","mode":"redirect","status":200,"location":"/y"}""", "needs a status among")]
    [InlineData("""{"path":"/x","mode":"redirect","status":307}""", "needs a location")]
    [InlineData("""{"path":"/x","mode":"redirect","status":307,"location":"/y\r\nX-Evil: 1"}""", "needs a location")]
    [InlineData("""{"path":"/x","mode":"reset","extra":1}""", "extra")]
    public async Task BadFaultsAreRefusedNamingTheProblem(string body, string expected)
    {
        var answer = await Http.SendAsync(HttpMethod.Post, "/_emulator/faults", body: body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains(expected, answer.Json.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Http.FetchAsync(Status)).Status);
    }

    /// <summary>
    /// The request log once every entry has its status: the client sees an abort before the
    /// emulator's middleware has unwound, and an entry's status is 0 until it has.
    /// </summary>
    private async Task<JsonElement[]> SettledLogAsync()
    {
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            var log = await Http.LoggedRequestsAsync();
            if (log.All(r => r.GetProperty("status").GetInt32() != 0) || DateTime.UtcNow > deadline)
            {
                return log;
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Reads a body until the connection fails; what came, and the failure (null when the body ended normally).</summary>
    private static async Task<(byte[] Received, Exception? Failure)> ReadUntilFailureAsync(HttpResponseMessage response)
    {
        using var stream = await response.Content.ReadAsStreamAsync();
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer).AsTask().WaitAsync(Limit)) > 0)
            {
                received.Write(buffer, 0, read);
            }

            return (received.ToArray(), null);
        }
        catch (IOException e)
        {
            return (received.ToArray(), e);
        }
    }
}
