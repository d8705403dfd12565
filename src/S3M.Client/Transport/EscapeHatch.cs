using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace S3M.Transport;

/// <summary>
/// Requests for paths a user types (the escape hatches): the path checked before anything is
/// sent, the query escaped, the body written as JSON. The transport then checks where the
/// normalised URI really leads: within the base URI, or the Slurm resource.
/// </summary>
internal static class EscapeHatch
{
    public static S3mRequest Request(string method, string path, IEnumerable<KeyValuePair<string, object?>>? query, object? body, bool retriable)
    {
        var request = new S3mRequest(method, Checked(path ?? "", "Path") + QueryString(query)) { Retriable = retriable };
        if (body != null)
        {
            request.Body = JsonBody.From(body, "Body");
        }

        return request;
    }

    private static string Checked(string path, string parameterName)
    {
        if (path.Length == 0 || path[0] != '/' || path.StartsWith("//", StringComparison.Ordinal))
        {
            throw S3mException.InvalidArgument(parameterName, $"must be a path starting with a single '/', not '{S3mRoutes.Printable(path)}'; the host comes from the session.");
        }

        if (path.Any(c => char.IsControl(c) || c == ' ' || c == '#'))
        {
            throw S3mException.InvalidArgument(parameterName, "must not contain blanks, '#' or control characters; escape them (%20).");
        }

        var segments = path.Split('?')[0].Split('/');
        if (segments.Any(s => s == ".." || s == "."))
        {
            throw S3mException.InvalidArgument(parameterName, "must not contain '.' or '..' segments.");
        }

        return path;
    }

    /// <summary><c>?key=value&amp;...</c>, every key and value escaped; a list gives the key once per item.</summary>
    private static string QueryString(IEnumerable<KeyValuePair<string, object?>>? query)
    {
        if (query == null)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var entry in query)
        {
            var key = Uri.EscapeDataString(entry.Key ?? "");
            var values = entry.Value is IList list && !(entry.Value is string) ? list.Cast<object?>() : new[] { entry.Value };
            foreach (var value in values)
            {
                text.Append(text.Length == 0 ? '?' : '&').Append(key).Append('=')
                    .Append(Uri.EscapeDataString(value is bool b ? (b ? "true" : "false") : Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
            }
        }
        return text.ToString();
    }
}
