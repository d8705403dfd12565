using System;
using System.Threading;
using S3M.Transport;

namespace S3M.Commands
{
    /// <summary>
    /// The default session of this process. Process-wide on purpose: ForEach-Object -Parallel
    /// runspaces and jobs in the same process then use the session the user connected.
    /// </summary>
    internal static class SessionStore
    {
        private static Session? _default;

        public static Session? Default => Volatile.Read(ref _default);

        public static void SetDefault(Session? session) => Volatile.Write(ref _default, session);

        /// <summary>Clears the default only if it is still <paramref name="session"/>.</summary>
        public static void Forget(Session session) => Interlocked.CompareExchange(ref _default, null, session);

        internal const string BaseUriVariable = "S3M_BASE_URI";

        /// <summary>$env:S3M_BASE_URI, else the public gateway.</summary>
        public static Uri DefaultBaseUri()
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(BaseUriVariable);
            if (string.IsNullOrWhiteSpace(fromEnvironment)) return new Uri(S3mRoutes.DefaultBaseUri);
            if (!Uri.TryCreate(fromEnvironment!.Trim(), UriKind.Absolute, out var uri))
                throw S3mException.InvalidArgument("BaseUri", $"from ${BaseUriVariable} ('{S3mRoutes.Printable(fromEnvironment)}') is not an absolute URI.");
            return uri;
        }

        /// <summary>
        /// The client for calls S3M answers without a token (status): the given or default
        /// session's, else a tokenless one for the default base URI.
        /// </summary>
        public static S3mClient PublicClient(Session? session)
        {
            var chosen = session ?? Default;
            if (chosen != null && !chosen.Disconnected) return chosen.Client;
            return new S3mClient(new S3mClientOptions { BaseUri = DefaultBaseUri() }, null);
        }
    }
}
