using System;
using System.Collections;
using System.Linq;
using System.Text;
using S3M.Transport;

namespace S3M.Commands
{
    /// <summary>Paths and query strings that users type into the escape hatches, checked before anything is sent.</summary>
    internal static class RestPaths
    {
        public static string Checked(string path, string parameterName)
        {
            if (path[0] != '/' || path.StartsWith("//", StringComparison.Ordinal))
                throw S3mException.InvalidArgument(parameterName, $"must be a path starting with a single '/', not '{S3mRoutes.Printable(path)}'; the host comes from the session.");
            if (path.Any(c => char.IsControl(c) || c == ' ' || c == '#'))
                throw S3mException.InvalidArgument(parameterName, "must not contain blanks, '#' or control characters; escape them (%20).");
            var segments = path.Split('?')[0].Split('/');
            if (segments.Any(s => s == ".." || s == "."))
                throw S3mException.InvalidArgument(parameterName, "must not contain '.' or '..' segments.");
            // '\' and encoded dots and slashes are refused by the transport, which checks where the
            // normalised URI really leads: within the session's base URI, or the Slurm resource.
            return path;
        }

        /// <summary>The request an escape hatch sends: the path checked, the query escaped, the body as JSON.</summary>
        public static S3mRequest Request(string method, string path, IDictionary? query, object? body, bool retriable)
        {
            var request = new S3mRequest(method, Checked(path, "Path") + QueryString(query)) { Retriable = retriable };
            if (body != null) request.Body = JsonBody.From(PlainValues.FromPowerShell(body), "Body");
            return request;
        }

        public static string QueryString(IDictionary? query)
        {
            if (query == null || query.Count == 0) return "";
            var text = new StringBuilder();
            foreach (DictionaryEntry entry in query)
            {
                var key = Uri.EscapeDataString(Convert.ToString(entry.Key) ?? "");
                var raw = PlainValues.FromPowerShell(entry.Value);
                var values = raw is object?[] many ? many : new[] { raw };
                foreach (var value in values)
                {
                    text.Append(text.Length == 0 ? '?' : '&').Append(key).Append('=')
                        .Append(Uri.EscapeDataString(value is bool b ? (b ? "true" : "false") : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
                }
            }
            return text.ToString();
        }
    }
}
