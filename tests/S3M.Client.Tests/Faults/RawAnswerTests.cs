using System.Text;
using S3M.Transport;
using static S3M.Client.Tests.ScriptedServer;

namespace S3M.Client.Tests.Faults;

/// <summary>
/// Answers the emulator cannot give, from a raw server: a change is sent once whatever happens
/// to its answer; an answer that breaks is an S3M error, never a raw .NET one; and a change that
/// S3M carried out but whose answer cannot be read, or that certainly never left, is told apart.
/// </summary>
public class RawAnswerTests
{
    private static S3mClient Client(ScriptedServer server, int retries = 0, double timeoutSeconds = 10, string scheme = "http") =>
        new(new S3mClientOptions
        {
            BaseUri = new Uri($"{scheme}://127.0.0.1:{server.Port}"),
            Timeout = TimeSpan.FromSeconds(timeoutSeconds),
            Retry = new RetryOptions { MaximumRetryCount = retries, InitialDelay = TimeSpan.FromMilliseconds(10) },
        }, EmulatorFixture.Secure("raw-test-token"));

    private static async Task<S3mException> Fails(S3mClient client, string method, string path = "/olcf/x", string? body = null, bool retriable = false)
    {
        var request = new S3mRequest(method, path) { Body = body, Retriable = retriable };
        return await Assert.ThrowsAsync<S3mException>(() => client.Transport.SendAsync(request, default));
    }

    [Theory]
    [InlineData("POST", null)]
    [InlineData("DELETE", null)]
    [InlineData("PATCH", null)]
    [InlineData("POST", "{}")]
    public async Task A_change_whose_connection_closes_unanswered_is_sent_once(string method, string? body)
    {
        using var server = new ScriptedServer(Close);
        var e = await Fails(Client(server), method, body: body);
        Assert.Single(server.Requests);
        Assert.Equal(S3mErrorKind.OutcomeUnknown, e.Kind);
    }

    [Fact]
    public async Task A_change_on_a_kept_alive_connection_that_closes_unanswered_is_sent_once()
    {
        using var server = new ScriptedServer(Reply("200 OK", "{}"), Close);
        var client = Client(server);
        await client.Transport.SendAsync(new S3mRequest("POST", "/olcf/first"), default);
        var e = await Fails(client, "DELETE");
        Assert.Equal(2, server.Requests.Length);
        Assert.Equal(S3mErrorKind.OutcomeUnknown, e.Kind);
    }

    [Theory]
    [InlineData("GET", S3mErrorKind.Transport)]
    [InlineData("POST", S3mErrorKind.OutcomeUnknown)]
    public async Task A_body_that_does_not_decompress_is_an_S3M_error(string method, S3mErrorKind kind)
    {
        using var server = new ScriptedServer(Reply("200 OK", "this is not gzip at all", "Content-Encoding: gzip\r\n"));
        var e = await Fails(Client(server), method);
        Assert.Equal(kind, e.Kind);
    }

    [Theory]
    [InlineData("//")]
    [InlineData("//:99999/x")]
    public async Task A_redirect_to_no_valid_address_is_an_S3M_error(string location)
    {
        using var server = new ScriptedServer(Reply("307 Temporary Redirect", "", $"Location: {location}\r\n"));
        var e = await Fails(Client(server), "GET");
        Assert.Equal(S3mErrorKind.InvalidResponse, e.Kind);
    }

    [Theory]
    [InlineData("GET", S3mErrorKind.InvalidResponse)]
    [InlineData("POST", S3mErrorKind.OutcomeUnknown)]
    public async Task A_success_whose_answer_cannot_be_read_leaves_a_change_unknown(string method, S3mErrorKind kind)
    {
        using var server = new ScriptedServer(Reply("200 OK", "<html>gateway page</html>", "Content-Type: text/html\r\n"));
        var e = await Fails(Client(server), method);
        Assert.Equal(kind, e.Kind);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_change_answered_see_other_elsewhere_is_done_but_not_followed()
    {
        using var elsewhere = new ConnectionRecorder();
        using var server = new ScriptedServer(Reply("303 See Other", "", $"Location: {elsewhere.Origin}olcf/result\r\n"));
        var e = await Fails(Client(server), "POST", body: "{}");
        Assert.Equal(S3mErrorKind.OutcomeUnknown, e.Kind);
        await Task.Delay(200);
        Assert.Empty(elsewhere.Received);
    }

    [Fact]
    public async Task A_change_that_never_got_past_the_TLS_handshake_is_not_unknown()
    {
        // The server takes the connection and never answers the TLS hello: the request never left.
        using var server = new ScriptedServer(Stall);
        var e = await Fails(Client(server, timeoutSeconds: 1, scheme: "https"), "POST", body: "{}");
        Assert.Equal(S3mErrorKind.Timeout, e.Kind);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_change_sent_and_never_answered_is_unknown()
    {
        using var server = new ScriptedServer(Stall);
        var e = await Fails(Client(server, timeoutSeconds: 1), "POST", body: "{}");
        Assert.Equal(S3mErrorKind.OutcomeUnknown, e.Kind);
        Assert.Single(server.Requests);
    }
}
