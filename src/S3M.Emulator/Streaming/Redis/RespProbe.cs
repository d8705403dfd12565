using System.Net;
using System.Net.Sockets;
using System.Text;

namespace S3M.Emulator.Streaming.Redis;

/// <summary>
/// Asks a Redis server, in RESP, to log the cluster's user in and answer PING: proof that it is up
/// and that its ACL lets the user in, without a client library.
/// </summary>
internal static class RespProbe
{
    public static async Task<bool> AnswersAsync(int port, string username, string password, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.UTF8.GetBytes(Command("AUTH", username, password) + Command("PING")), cancellationToken);

            const string expected = "+OK\r\n+PONG\r\n";
            var received = new StringBuilder();
            var buffer = new byte[256];
            while (received.Length < expected.Length)
            {
                var read = await stream.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    return false;
                }

                received.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }

            return received.ToString() == expected;
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return false;
        }
    }

    private static string Command(params string[] parts) =>
        $"*{parts.Length}\r\n" + string.Concat(parts.Select(p => $"${Encoding.UTF8.GetByteCount(p)}\r\n{p}\r\n"));
}
