using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Text;
using S3M.Transport;

namespace S3M.Commands
{
    /// <summary>
    /// Calls any S3M path with the session's token, retries and error mapping, and returns the
    /// answer as PowerShell objects: the way to reach what no cmdlet covers yet.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "S3mRestMethod")]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeS3mRestMethod : S3mCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", IgnoreCase = true)]
        public string Method { get; set; } = "GET";

        /// <summary>A path under the base URI, starting with '/', e.g. /olcf/v1alpha/status.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>A hashtable or object (sent as JSON), or a JSON string.</summary>
        [Parameter]
        public object? Body { get; set; }

        [Parameter]
        public IDictionary? Query { get; set; }

        protected override void ProcessS3mRecord()
        {
            var session = RequireSession();
            var request = new S3mRequest(Method, CheckedPath(Path) + QueryString(Query))
            {
                // Only reads are retried: a POST that reached the server may have done its work.
                Retriable = Method.Equals("GET", StringComparison.OrdinalIgnoreCase),
            };
            if (Body != null) request.Body = JsonBody.From(PlainValues.FromPowerShell(Body), "Body");
            var answer = Await(token => session.Client.Transport.SendAsync(request, token));
            WriteObject(PlainValues.ToPowerShell(GatewayJson.ToPlain(answer)), true);
        }

        private static string CheckedPath(string path)
        {
            if (path[0] != '/' || path.StartsWith("//", StringComparison.Ordinal))
                throw S3mException.InvalidArgument("Path", $"must be a path starting with a single '/' (such as /olcf/v1alpha/status), not '{S3mRoutes.Printable(path)}'; the host comes from the session.");
            if (path.Any(c => char.IsControl(c) || c == ' ' || c == '#'))
                throw S3mException.InvalidArgument("Path", "must not contain blanks, '#' or control characters; escape them (%20).");
            var segments = path.Split('?')[0].Split('/');
            if (segments.Any(s => s == ".." || s == "." || s.Equals("%2e%2e", StringComparison.OrdinalIgnoreCase)))
                throw S3mException.InvalidArgument("Path", "must not contain '.' or '..' segments.");
            return path;
        }

        private static string QueryString(IDictionary? query)
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
