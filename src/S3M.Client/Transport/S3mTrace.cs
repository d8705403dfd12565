using System;
using System.Threading;

namespace S3M.Transport
{
    /// <summary>
    /// Where the transport reports what it does (method, path, status, elapsed, retries).
    /// One sink per logical call, carried by AsyncLocal, so calls that share a session from
    /// several runspaces never see each other's messages. Never given a token or a body.
    /// </summary>
    public static class S3mTrace
    {
        private static readonly AsyncLocal<Action<string>?> Sink = new AsyncLocal<Action<string>?>();

        /// <summary>Routes messages of the calls started inside the returned scope to <paramref name="sink"/>.</summary>
        public static IDisposable Begin(Action<string> sink)
        {
            var previous = Sink.Value;
            Sink.Value = sink;
            return new Scope(previous);
        }

        internal static void Write(string message) => Sink.Value?.Invoke(message);

        private sealed class Scope : IDisposable
        {
            private readonly Action<string>? _previous;
            public Scope(Action<string>? previous) { _previous = previous; }
            public void Dispose() => Sink.Value = _previous;
        }
    }
}
