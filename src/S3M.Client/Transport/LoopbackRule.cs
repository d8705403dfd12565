using System;
using System.Net;

namespace S3M.Transport;

/// <summary>
/// A token may travel over plain http only to this machine (the emulator, a tunnel).
/// Anything else must be https; the check runs before a connection is opened.
/// </summary>
internal static class LoopbackRule
{
    public static bool IsLoopback(Uri uri)
    {
        if (uri.IsLoopback)
        {
            return true;
        }

        var host = HostOf(uri)?.Trim('[', ']');
        if (host == null)
        {
            return false;
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    }

    /// <summary>The host in its ASCII (IDN) form, or null when it has none: Uri parses such hosts lazily and throws.</summary>
    public static string? HostOf(Uri uri)
    {
        try { return uri.IdnHost; }
        catch (UriFormatException) { return null; }
    }

    /// <summary>Throws <see cref="S3mErrorKind.InvalidArgument"/> unless <paramref name="uri"/> may be used.</summary>
    public static void Check(Uri uri, string parameterName)
    {
        if (!uri.IsAbsoluteUri)
        {
            throw S3mException.InvalidArgument(parameterName, $"must be an absolute URI such as {S3mClientOptions.DefaultBaseUri}.");
        }
        // Before anything quotes the address: a password in it would show wherever it is shown.
        if (uri.UserInfo.Length > 0)
        {
            throw S3mException.InvalidArgument(parameterName, "must not hold a user name or password (user:password@host): S3M authenticates with the token alone.");
        }

        if (HostOf(uri) == null)
        {
            throw S3mException.InvalidArgument(parameterName, $"'{S3mRoutes.Printable(Streaming.Secrets.MaskUrl(uri.OriginalString)!)}' has no valid host name.");
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return;
        }

        if (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri))
        {
            return;
        }

        if (uri.Scheme == Uri.UriSchemeHttp)
        {
            throw S3mException.InvalidArgument(parameterName,
                $"'{uri.GetLeftPart(UriPartial.Authority)}' uses http:// to a host that is not this machine; S3M tokens travel only over https:// (http:// is allowed for 127.0.0.1, ::1 and localhost).");
        }

        throw S3mException.InvalidArgument(parameterName, $"must use https:// (got '{uri.Scheme}').");
    }
}
