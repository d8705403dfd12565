using System.Net;
using System.Net.Sockets;
using System.Text;

namespace S3M.Emulator.Tests.Streaming;

/// <summary>
/// Just enough RESP to prove a URL leads to a working Redis: commands as arrays of bulk strings,
/// replies read as simple strings, errors ("-" kept), integers, bulk strings and arrays (their
/// elements joined by ",").
/// </summary>
public sealed class RespClient : IDisposable
{
    private readonly TcpClient client;
    private readonly NetworkStream stream;

    private RespClient(TcpClient client)
    {
        this.client = client;
        stream = client.GetStream();
    }

    /// <summary>Connects to 127.0.0.1; a closed port throws <see cref="SocketException"/> (connection refused).</summary>
    public static async Task<RespClient> ConnectAsync(int port)
    {
        var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return new RespClient(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>"OK" for +OK, "-ERR ..." for an error, the text of a bulk string, null for a nil one, "a,b" for an array.</summary>
    public async Task<string?> CallAsync(params string[] parts)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var command = $"*{parts.Length}\r\n" + string.Concat(parts.Select(p => $"${Encoding.UTF8.GetByteCount(p)}\r\n{p}\r\n"));
        await stream.WriteAsync(Encoding.UTF8.GetBytes(command), timeout.Token);
        return await ReadReplyAsync(timeout.Token);
    }

    /// <summary>The next reply without sending anything: a message pushed to a subscriber.</summary>
    public async Task<string?> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        return await ReadReplyAsync(timeout.Token);
    }

    public void Dispose() => client.Dispose();

    private async Task<string?> ReadReplyAsync(CancellationToken cancellationToken)
    {
        var line = await ReadLineAsync(cancellationToken);
        switch (line[0])
        {
            case '+' or ':':
                return line[1..];
            case '-':
                return line;
            case '$' or '*' when line[1..] == "-1":
                return null;
            case '$':
                var text = await ReadLineAsync(cancellationToken);
                Assert.Equal(int.Parse(line[1..]), Encoding.UTF8.GetByteCount(text));
                return text;
            case '*':
                var elements = new List<string?>();
                for (var i = int.Parse(line[1..]); i > 0; i--)
                {
                    elements.Add(await ReadReplyAsync(cancellationToken));
                }

                return string.Join(",", elements);
            default:
                throw new InvalidDataException($"unexpected RESP reply \"{line}\"");
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count < 2 || bytes[^2] != '\r' || bytes[^1] != '\n')
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new EndOfStreamException("the server closed the connection");
            }

            bytes.Add(one[0]);
        }

        return Encoding.UTF8.GetString(bytes.ToArray(), 0, bytes.Count - 2);
    }
}
