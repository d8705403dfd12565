using System;
using System.Linq;

namespace S3M.Transport;

/// <summary>
/// Every S3M path template, in one place. S3M is in early release and its paths have moved
/// more than once: a move is a change here (or a prefix chosen at connect time), nothing else.
/// </summary>
internal static class S3mRoutes
{
    public const string Status = "/olcf/v1alpha/status";
    public const string DowntimesNow = Status + "/downtimes";
    public const string DowntimesUpcoming = Status + "/downtimes/upcoming";
    public const string Tokens = "/olcf/v1/token/ctls";
    public const string TokenIntrospect = Tokens + "/introspect";
    public const string TokenRevoke = Tokens + "/revoke";

    public static string StatusOf(string resourceName) => Status + "/" + Segment(resourceName, "Name");

    /// <summary><c>{prefix}/{enclave}/{version}/{resource}/{tail}</c>: every Slurm path of one resource.</summary>
    public static string Slurm(S3mClientOptions options, string version, string resource, string tail) =>
        SlurmScope(options, version, resource) + "/" + tail.TrimStart('/');

    /// <summary><c>{prefix}/{enclave}/{version}/{resource}</c>: where every Slurm call of one resource must stay.</summary>
    public static string SlurmScope(S3mClientOptions options, string version, string resource) =>
        $"{options.ComputePrefix}/{Segment(options.Enclave, "Enclave")}/{Segment(version, "ApiVersion")}/{Segment(resource, "Resource")}";

    /// <summary><c>{streaming prefix}/{tail}</c>, such as <c>/olcf/open/v1alpha/streaming/list_backends</c>.</summary>
    public static string Streaming(S3mClientOptions options, string tail) =>
        StreamingScope(options) + "/" + tail;

    /// <summary>The session's streaming prefix with its enclave put in: where every streaming call must stay.</summary>
    public static string StreamingScope(S3mClientOptions options) =>
        options.StreamingPrefix.Replace(S3mClientOptions.EnclavePlaceholder, Segment(options.Enclave, "Enclave"));

    public const string StreamingBackends = "list_backends";
    public static string StreamingProvision(string engine) => engine + "/provision_cluster";
    public static string StreamingClusters(string engine) => engine + "/list_clusters";
    public static string StreamingCluster(string engine, string name) => engine + "/cluster/" + Segment(name, "Name");
    public static string StreamingExtend(string engine, string name) => engine + "/extend/" + Segment(name, "Name");

    public const string SlurmPing = "ping";
    public const string SlurmJobs = "jobs";
    public const string SlurmSubmit = "job/submit";
    public const string SlurmPartitions = "partitions";
    public const string SlurmNodes = "nodes";
    public const string SlurmReservations = "reservations";
    public const string SlurmDiagnostics = "diag";

    /// <summary><c>job/{id}</c>; S3M takes job IDs of digits only, fewer than 10.</summary>
    public static string SlurmJob(long jobId)
    {
        if (jobId <= 0 || jobId > 999_999_999)
        {
            throw S3mException.InvalidArgument("JobId", $"{jobId} is not a Slurm job ID (1 to 999999999).");
        }

        return "job/" + jobId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Escapes one path segment, and refuses what no S3M name contains, so a value can never
    /// climb out of its segment (<c>../</c>, an encoded slash, control characters).
    /// </summary>
    public static string Segment(string value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw S3mException.InvalidArgument(what, "must not be empty.");
        }

        if (value.Length > 256)
        {
            throw S3mException.InvalidArgument(what, "must be at most 256 characters.");
        }
        // No S3M name starts with '.': refusing it rules out '.', '..' and what some servers
        // still read as them ('..;').
        if (value[0] == '.' || value.Any(c => c == '/' || c == '\\' || c == '%' || char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw S3mException.InvalidArgument(what, $"'{Printable(value)}' is not a valid name: it may not contain '/', '\\', '%', blanks or control characters, nor start with '.'.");
        }

        return Uri.EscapeDataString(value);
    }

    /// <summary>Shows a refused value without letting control characters reach a terminal.</summary>
    public static string Printable(string value)
    {
        var chars = value.Take(80).Select(c => Unprintable(c) ? '?' : c).ToArray();
        return new string(chars) + (value.Length > 80 ? "..." : "");
    }

    /// <summary>
    /// A character that must not reach a terminal from someone else's text: control characters
    /// (escape sequences), and the invisible ones that change how a line reads without showing
    /// (bidirectional overrides and isolates, zero-width characters, line separators).
    /// </summary>
    internal static bool Unprintable(char c)
    {
        if (char.IsControl(c))
        {
            return true;
        }

        var category = char.GetUnicodeCategory(c);
        return category == System.Globalization.UnicodeCategory.Format
            || category == System.Globalization.UnicodeCategory.LineSeparator
            || category == System.Globalization.UnicodeCategory.ParagraphSeparator;
    }
}
