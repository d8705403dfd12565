using System.Net;
using System.Net.Sockets;

namespace S3M.Emulator.Streaming.Redis;

/// <summary>Ports on 127.0.0.1 that nothing listens on, for redis-server to take or for URLs that point nowhere.</summary>
internal static class LoopbackPorts
{
    /// <summary>A port the system just handed out and took back: free now, and unlikely to be reused soon.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
