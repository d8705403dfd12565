using System.Net;
using System.Net.Sockets;
using System.Text;

namespace S3M.Client.Tests;

/// <summary>Redirects: followed, but the token never goes to another origin.</summary>
public class RedirectTests
{
    [Fact]
    public async Task A_redirect_to_another_origin_does_not_carry_the_token()
    {
        using var target = new RecordingServer(Reply("200 OK", "", "{\"token\":{}}"));
        using var origin = new RecordingServer(Reply("307 Temporary Redirect", $"Location: http://localhost:{target.Port}/olcf/v1/token/ctls/introspect\r\n", ""));
        var client = new S3mClient(new Transport.S3mClientOptions { BaseUri = new Uri($"http://127.0.0.1:{origin.Port}") }, EmulatorFixture.Secure("secret-token-value"));
        await client.Tokens.IntrospectAsync(false, default);
        Assert.Contains("secret-token-value", origin.Received);
        Assert.DoesNotContain("secret-token-value", target.Received);
        Assert.Contains("GET /olcf/v1/token/ctls/introspect", target.Received);
    }

    private static string Reply(string status, string headers, string body) =>
        $"HTTP/1.1 {status}\r\n{headers}Content-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";

    /// <summary>A one-shot HTTP listener on 127.0.0.1 that records what it was sent.</summary>
    private sealed class RecordingServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly StringBuilder _received = new();

        public RecordingServer(string answer)
        {
            _listener.Start();
            _ = Task.Run(async () =>
            {
                using var socket = await _listener.AcceptTcpClientAsync();
                var stream = socket.GetStream();
                var buffer = new byte[8192];
                var read = await stream.ReadAsync(buffer);
                var text = Encoding.ASCII.GetString(buffer, 0, read);
                lock (_received)
                {
                    _received.Append(text);
                }

                var reply = Encoding.ASCII.GetBytes(answer);
                await stream.WriteAsync(reply);
            });
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
        public string Received { get { lock (_received) { return _received.ToString(); } } }
        public void Dispose() => _listener.Stop();
    }
}
