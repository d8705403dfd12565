using System;
using System.Threading;

namespace S3M.Transport;

/// <summary>
/// Where the client reports what it does (method, path, status, elapsed, retries): Verbose
/// text for whoever listens, and the notice that a call was stopped after it may have reached
/// S3M. What a call returns, warnings included, comes back as data, never through here. One set
/// of sinks per logical call, carried by AsyncLocal, so calls that share a session from several
/// runspaces never see each other's messages. Never given a token or a body.
/// </summary>
public static class S3mTrace
{
    private static readonly AsyncLocal<Sinks?> Current = new AsyncLocal<Sinks?>();

    /// <summary>
    /// Routes messages of the calls started inside the returned scope to the given sinks. A
    /// null <paramref name="verbose"/> drops them unformatted (see <see cref="IsVerbose"/>).
    /// <paramref name="stopped"/> hears of a call stopped (cancelled) after it may have reached
    /// S3M; it is called on the worker's thread, while the caller is being stopped.
    /// </summary>
    public static IDisposable Begin(Action<string>? verbose, Action<string>? stopped = null)
    {
        var previous = Current.Value;
        Current.Value = new Sinks(verbose, stopped);
        return new Scope(previous);
    }

    /// <summary>
    /// Whether a progress message would reach anyone. Performance (docs/performance.md): a
    /// bulk call makes one per request, so callers skip building the text when it would not.
    /// </summary>
    internal static bool IsVerbose => Current.Value?.Verbose != null;

    internal static void Write(string message) => Current.Value?.Verbose?.Invoke(message);

    /// <summary>A call was stopped after it may have reached S3M: what the user must still be told.</summary>
    internal static void Stopped(string message) => Current.Value?.Stopped?.Invoke(message);

    private sealed class Sinks
    {
        public Sinks(Action<string>? verbose, Action<string>? stopped) { Verbose = verbose; Stopped = stopped; }
        public Action<string>? Verbose { get; }
        public Action<string>? Stopped { get; }
    }

    private sealed class Scope : IDisposable
    {
        private readonly Sinks? _previous;
        public Scope(Sinks? previous) { _previous = previous; }
        public void Dispose() => Current.Value = _previous;
    }
}
