using System.Net;
using System.Net.Sockets;
using System.Text;

namespace S3M.Client.Tests;

/// <summary>
/// A raw HTTP server on 127.0.0.1 for answers no gateway should give, and the emulator cannot:
/// each request (headers and its Content-Length body) is recorded, then answered with the next
/// scripted reply; <see cref="Close"/> closes without a word and <see cref="Stall"/> says
/// nothing at all, not even a TLS handshake. The last reply repeats.
/// </summary>
public sealed class ScriptedServer : IDisposable
{
    public const string Close = "<close>";
    public const string Stall = "<stall>";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string[] _replies;
    private readonly List<string> _requests = new();

    public ScriptedServer(params string[] replies)
    {
        _replies = replies;
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Each request's first line and headers, in arrival order.</summary>
    public string[] Requests { get { lock (_requests) { return _requests.ToArray(); } } }

    public static string Reply(string status, string body = "", string headers = "") =>
        $"HTTP/1.1 {status}\r\n{headers}Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient socket;
            try { socket = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(TcpClient socket)
    {
        using (socket)
        {
            try
            {
                var stream = socket.GetStream();
                while (!_stop.IsCancellationRequested)
                {
                    var head = await ReadHeadAsync(stream);
                    if (head == null)
                    {
                        return;
                    }

                    if (head.StartsWith("\u0016", StringComparison.Ordinal)) { await Task.Delay(Timeout.Infinite, _stop.Token); return; } // a TLS hello: say nothing
                    int index;
                    lock (_requests) { index = _requests.Count; _requests.Add(head); }
                    var reply = _replies[Math.Min(index, _replies.Length - 1)];
                    if (reply == Close)
                    {
                        return;
                    }

                    if (reply == Stall) { await Task.Delay(Timeout.Infinite, _stop.Token); return; }
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(reply), _stop.Token);
                }
            }
            catch (Exception)
            {
                // The client left, or the test ended.
            }
        }
    }

    /// <summary>The request's head, its body read and dropped; null when the client closed first.</summary>
    private static async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(bytes))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return null;
            }

            bytes.Add(one[0]);
            if (bytes.Count == 1 && one[0] == 0x16)
            {
                return "\u0016";
            }
        }
        var head = Encoding.ASCII.GetString(bytes.ToArray());
        var length = head.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => int.Parse(p[1].Trim())).FirstOrDefault();
        var body = new byte[length];
        for (var read = 0; read < length;)
        {
            read += await stream.ReadAsync(body.AsMemory(read));
        }

        return head;
    }

    private static bool EndsWithBlankLine(List<byte> b) =>
        b.Count >= 4 && b[^4] == '\r' && b[^3] == '\n' && b[^2] == '\r' && b[^1] == '\n';

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}
