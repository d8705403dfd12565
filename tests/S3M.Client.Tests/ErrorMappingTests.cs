using S3M.Transport;

namespace S3M.Client.Tests;

public class ErrorMappingTests
{
    [Theory]
    [InlineData(400, S3mErrorKind.InvalidArgument)]
    [InlineData(401, S3mErrorKind.Unauthorized)]
    [InlineData(403, S3mErrorKind.Forbidden)]
    [InlineData(404, S3mErrorKind.NotFound)]
    [InlineData(408, S3mErrorKind.Timeout)]
    [InlineData(409, S3mErrorKind.Conflict)]
    [InlineData(429, S3mErrorKind.Throttled)]
    [InlineData(500, S3mErrorKind.Unavailable)]
    [InlineData(502, S3mErrorKind.Unavailable)]
    [InlineData(503, S3mErrorKind.Unavailable)]
    [InlineData(504, S3mErrorKind.Timeout)]
    [InlineData(418, S3mErrorKind.InvalidArgument)]
    public void Every_status_maps_to_one_stable_kind(int status, S3mErrorKind kind)
    {
        var e = ErrorMapper.FromResponse("GET", "/olcf/v1alpha/status/x", status, null, null, "", null);
        Assert.Equal(kind, e.Kind);
        Assert.Equal("S3M." + kind, e.ErrorId);
        Assert.Equal(status, e.StatusCode);
        Assert.Equal("GET /olcf/v1alpha/status/x", e.Request);
        Assert.Contains(status.ToString(), e.Message);
        Assert.Contains("GET /olcf/v1alpha/status/x", e.Message);
    }

    [Fact]
    public void Grpc_body_gives_the_code_and_prefers_the_public_message()
    {
        var body = """{"code":7,"message":"permission denied: scope","details":[{"@type":"x","publicMessage":"token lacks scope compute-ace"}]}""";
        var e = ErrorMapper.FromResponse("POST", "/p", 403, "Forbidden", "application/json", body, null);
        Assert.Equal(S3mErrorKind.Forbidden, e.Kind);
        Assert.Equal(7, e.GrpcCode);
        Assert.Equal("token lacks scope compute-ace", e.ServerMessage);
        Assert.Contains("token lacks scope compute-ace", e.Message);
    }

    [Fact]
    public void Grpc_message_is_used_without_details()
    {
        var e = ErrorMapper.FromResponse("GET", "/p", 404, "Not Found", "application/json", """{"code":5,"message":"resource nope not found"}""", null);
        Assert.Equal("resource nope not found", e.ServerMessage);
        Assert.Equal(5, e.GrpcCode);
    }

    private const string SlurmEnvelope =
        """{"meta":{"plugin":{"type":"openapi/slurmctld"}},"errors":[{"error":"{0}","error_number":{1},"description":"{2}","source":"slurm"}],"warnings":[]}""";

    private static string Envelope(string error, int number, string description) =>
        SlurmEnvelope.Replace("{0}", error).Replace("{1}", number.ToString()).Replace("{2}", description);

    /// <summary>
    /// Slurm's envelope in an error answer: Slurm's words, and Slurm's number deciding the kind as
    /// for a 200, unless the status says what to do next (auth, throttling, an outage, not found).
    /// </summary>
    [Theory]
    [InlineData(500, 2000, S3mErrorKind.SlurmError)]
    [InlineData(500, 2017, S3mErrorKind.NotFound)]
    [InlineData(422, 9001, S3mErrorKind.SlurmError)]
    [InlineData(400, 2051, S3mErrorKind.SlurmError)]
    [InlineData(404, 2017, S3mErrorKind.NotFound)]
    [InlineData(404, 9002, S3mErrorKind.NotFound)]
    [InlineData(401, 1007, S3mErrorKind.Unauthorized)]
    [InlineData(403, 2017, S3mErrorKind.Forbidden)]
    [InlineData(429, 2000, S3mErrorKind.Throttled)]
    [InlineData(503, 1001, S3mErrorKind.Unavailable)]
    [InlineData(504, 2000, S3mErrorKind.Timeout)]
    public void A_Slurm_envelope_in_an_error_answer_gives_Slurms_words_and_kind(int status, int number, S3mErrorKind kind)
    {
        var body = Envelope("Something Slurm says", number, "what exactly went wrong");

        var e = ErrorMapper.FromResponse("POST", "/slurm/p", status, "Reason", "application/json", body, null);

        Assert.Equal(kind, e.Kind);
        Assert.Equal(status, e.StatusCode);
        Assert.StartsWith($"Slurm refused POST /slurm/p (S3M answered {status} Reason): what exactly went wrong (Something Slurm says) [error {number}] in slurm", e.Message);
        Assert.Equal("what exactly went wrong (Something Slurm says) [error " + number + "] in slurm", e.ServerMessage);
        Assert.NotNull(e.Answer);
    }

    [Fact]
    public void A_Slurm_envelope_without_errors_is_read_as_any_body()
    {
        var body = """{"meta":{},"errors":[],"warnings":[],"message":"upstream failed"}""";

        var e = ErrorMapper.FromResponse("GET", "/p", 500, "Internal Server Error", "application/json", body, null);

        Assert.Equal(S3mErrorKind.Unavailable, e.Kind);
        Assert.Equal("upstream failed", e.ServerMessage);
    }

    [Fact]
    public void Html_pages_show_their_title()
    {
        var html = "<html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>";
        var e = ErrorMapper.FromResponse("GET", "/p", 502, "Bad Gateway", "text/html", html, null);
        Assert.Equal("502 Bad Gateway", e.ServerMessage);
        Assert.DoesNotContain("<", e.Message);
    }

    [Fact]
    public void A_page_built_to_make_the_patterns_backtrack_ends_in_a_plain_message_at_once()
    {
        // Every '<' starts a tag that never closes: reading it is quadratic, seconds to minutes without a bound.
        var page = new string('<', 1_000_000);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var e = ErrorMapper.FromResponse("GET", "/p", 502, "Bad Gateway", "text/html", page, null);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        Assert.Equal(S3mErrorKind.Unavailable, e.Kind);
        Assert.Null(e.ServerMessage);
        Assert.Equal("S3M answered 502 (Bad Gateway) to GET /p: Bad Gateway", e.Message);
    }

    [Fact]
    public void Empty_bodies_use_the_reason_and_text_bodies_are_clipped()
    {
        var empty = ErrorMapper.FromResponse("GET", "/p", 503, "Service Unavailable", null, "", null);
        Assert.Null(empty.ServerMessage);
        Assert.Contains("Service Unavailable", empty.Message);
        var longText = ErrorMapper.FromResponse("GET", "/p", 500, null, "text/plain", "\u001b[31m" + new string('x', 5000), null);
        Assert.True(longText.ServerMessage!.Length <= 503);
        Assert.DoesNotContain('\u001b', longText.Message.ToCharArray());
    }

    [Fact]
    public void Throttled_errors_say_how_long_to_wait()
    {
        var e = ErrorMapper.FromResponse("GET", "/p", 429, null, null, "", TimeSpan.FromSeconds(120));
        Assert.Equal(TimeSpan.FromSeconds(120), e.RetryAfter);
        Assert.Contains("120 s", e.Message);
    }

    [Fact]
    public void Retry_after_reads_seconds_and_dates()
    {
        var now = new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromSeconds(3), RetryPolicy.ParseRetryAfter("3", now));
        Assert.Equal(TimeSpan.FromSeconds(1.5), RetryPolicy.ParseRetryAfter("1.5", now));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryPolicy.ParseRetryAfter("Sat, 28 Nov 2026 10:00:30 GMT", now));
        Assert.Equal(TimeSpan.Zero, RetryPolicy.ParseRetryAfter("Sat, 28 Nov 2026 09:00:00 GMT", now));
        Assert.Null(RetryPolicy.ParseRetryAfter("soon", now));
        Assert.Null(RetryPolicy.ParseRetryAfter("-1", now));
    }

    [Fact]
    public void Backoff_grows_is_capped_and_never_undercuts_retry_after()
    {
        var policy = new RetryPolicy(new RetryOptions { InitialDelay = TimeSpan.FromSeconds(1), MaximumDelay = TimeSpan.FromSeconds(8) });
        for (var i = 0; i < 50; i++)
        {
            var first = policy.DelayBefore(1, null)!.Value;
            Assert.InRange(first.TotalSeconds, 0.5, 1.0);
            Assert.InRange(policy.DelayBefore(3, null)!.Value.TotalSeconds, 2.0, 4.0);
            Assert.InRange(policy.DelayBefore(10, null)!.Value.TotalSeconds, 4.0, 8.0);
            Assert.Equal(TimeSpan.FromSeconds(6), policy.DelayBefore(1, TimeSpan.FromSeconds(6)));
        }
        Assert.Null(policy.DelayBefore(1, TimeSpan.FromSeconds(9)));
    }
}
