using System.Collections.Generic;

namespace S3M.Transport
{
    /// <summary>One call to S3M, as the transport needs it: the path is already built from the route table.</summary>
    public sealed class S3mRequest
    {
        public S3mRequest(string method, string path)
        {
            Method = method.ToUpperInvariant();
            Path = path;
        }

        public string Method { get; }

        /// <summary>Path and query, escaped, relative to the session's base URI.</summary>
        public string Path { get; }

        /// <summary>JSON text to send, or null.</summary>
        public string? Body { get; set; }

        /// <summary>False for the calls S3M answers without a token (status).</summary>
        public bool Authenticated { get; set; } = true;

        /// <summary>
        /// Whether a failed attempt may be sent again. True for reads; callers set it for revoke.
        /// A submit or provision must never be re-sent blindly: it could run twice.
        /// </summary>
        public bool Retriable { get; set; }

        public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>();

        public static S3mRequest Get(string path, bool authenticated = true) =>
            new S3mRequest("GET", path) { Authenticated = authenticated, Retriable = true };
    }
}
