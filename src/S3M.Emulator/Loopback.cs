using System.Net;

namespace S3M.Emulator;

/// <summary>
/// The emulator listens on loopback only: anyone who can reach it can read what it serves, and on
/// a shared machine that is already every local user; a LAN address would add everyone else.
/// </summary>
internal static class Loopback
{
    /// <summary>Why <paramref name="urls"/> (Kestrel's <c>;</c>-separated list) is not loopback only, naming the first URL that is not; null when it is.</summary>
    public static string? UrlsProblem(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(url => !IsLoopbackUrl(url)) is { } wide
            ? $"{wide} is not a loopback address: the emulator listens on 127.0.0.1, [::1] or localhost only, unless remote listening is allowed (--allow-remote, EmulatorOptions.AllowRemote)"
            : null;

    /// <summary>Why the addresses a server actually bound are not all loopback, naming the first that is not; null when they are.</summary>
    public static string? BoundProblem(IEnumerable<string> addresses) =>
        addresses.FirstOrDefault(address => !IsLoopbackUrl(address)) is { } wide
            ? $"the server bound {wide}, which is not a loopback address (Kestrel endpoints in configuration or the environment?); the emulator stopped"
            : null;

    /// <summary>True for a URL whose host is localhost or a loopback IP address; false for wildcards (*, +, 0.0.0.0, [::]), other hosts and anything unreadable.</summary>
    public static bool IsLoopbackUrl(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal);
        if (start < 0)
        {
            return false;
        }

        var authority = url[(start + 3)..];
        var slash = authority.IndexOf('/');
        if (slash >= 0)
        {
            authority = authority[..slash];
        }

        string host;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']');
            if (close < 0)
            {
                return false;
            }

            host = authority[1..close];
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon >= 0 ? authority[..colon] : authority;
        }

        // Kestrel binds "localhost" (any case) to both loopback addresses; any other name it binds to every interface.
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IsLoopback(address));
    }

    private static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
