using System.Net;
using System.Net.Sockets;
using System.Text;

namespace S3M.Client.Tests;

/// <summary>
/// A listener on 127.0.0.1 that records every connection made to it and what was sent on it, then
/// answers 502 and closes: another origin (or a proxy) a test proves nothing reached.
/// </summary>
public sealed class ConnectionRecorder : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _received = new();

    public ConnectionRecorder()
    {
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>http://127.0.0.1:port, as a redirect's target.</summary>
    public Uri Origin => new($"http://127.0.0.1:{Port}");

    /// <summary>What each connection sent, in order (empty text for one that sent nothing).</summary>
    public string[] Received { get { lock (_received) { return _received.ToArray(); } } }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient socket;
            try { socket = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => RecordAsync(socket));
        }
    }

    private async Task RecordAsync(TcpClient socket)
    {
        using (socket)
        {
            var text = new StringBuilder();
            var index = -1;
            lock (_received) { index = _received.Count; _received.Add(""); }
            try
            {
                var stream = socket.GetStream();
                var buffer = new byte[8192];
                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                quiet.CancelAfter(TimeSpan.FromSeconds(2));
                int read;
                // Headers are enough to see what came; stop at their end or when the client goes quiet.
                while (!text.ToString().Contains("\r\n\r\n") && (read = await stream.ReadAsync(buffer, quiet.Token)) > 0)
                {
                    text.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    lock (_received)
                    {
                        _received[index] = text.ToString();
                    }
                }
                await stream.WriteAsync("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
            }
            catch (Exception)
            {
                // The client left or went quiet: what it sent is recorded.
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}
