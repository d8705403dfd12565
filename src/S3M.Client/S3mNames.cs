using S3M.Transport;

namespace S3M;

/// <summary>
/// The rule for a name that becomes one segment of an S3M path (a resource, a cluster, an
/// enclave, an API version), for callers that check what they are given before any call.
/// </summary>
public static class S3mNames
{
    /// <summary>
    /// Throws S3M.InvalidArgument naming <paramref name="parameterName"/> unless
    /// <paramref name="value"/> can stand as one path segment: not empty, at most 256
    /// characters, no '/', '\', '%', blank or control character, not '.' or '..'.
    /// </summary>
    public static void Check(string value, string parameterName) => S3mRoutes.Segment(value, parameterName);

    /// <summary>A value fit to quote in a message: control characters shown as '?', at most 80 characters.</summary>
    public static string Printable(string value) => S3mRoutes.Printable(value);
}
