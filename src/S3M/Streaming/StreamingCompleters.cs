using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using S3M.Streaming;

namespace S3M.Commands
{
    /// <summary>Offers the kinds the chosen engine's backends have (asks S3M; offers nothing on any failure).</summary>
    public sealed class StreamingKindCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var backends = RemoteCompletion.Ask(session => session.Client.Streaming.GetBackendsAsync(RemoteCompletion.Deadline()));
            var engine = RemoteCompletion.EngineOf(fakeBoundParameters);
            return Completions.Matching(backends?.Where(b => engine == null || b.Engine == engine).Select(b => b.Kind ?? "").Where(k => k.Length > 0).Distinct()
                ?? Enumerable.Empty<string>(), wordToComplete, k => k);
        }
    }

    /// <summary>Offers the names of the chosen engine's clusters.</summary>
    public sealed class StreamingClusterNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var engine = RemoteCompletion.EngineOf(fakeBoundParameters);
            var engines = engine.HasValue ? new[] { engine.Value } : StreamingEngines.All;
            var names = RemoteCompletion.Ask(async session =>
            {
                var found = new List<string>();
                foreach (var e in engines)
                    found.AddRange((await session.Client.Streaming.GetClustersAsync(e, RemoteCompletion.Deadline()).ConfigureAwait(false)).Select(c => c.Name ?? ""));
                return found.ToArray();
            });
            return Completions.Matching(names?.Where(n => n.Length > 0).Distinct() ?? Enumerable.Empty<string>(), wordToComplete, n => n);
        }
    }

    /// <summary>Completion that asks S3M: the default session only, a short deadline, and silence on any failure.</summary>
    internal static class RemoteCompletion
    {
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);

        public static CancellationToken Deadline() => new CancellationTokenSource(Limit).Token;

        public static T? Ask<T>(Func<Session, System.Threading.Tasks.Task<T>> ask) where T : class
        {
            var session = SessionStore.Default;
            if (session == null || session.Disconnected || session.Revoked) return null;
            try
            {
                var task = ask(session);
                return task.Wait(Limit) ? task.Result : null;
            }
            catch (Exception) { return null; } // completion must never throw
        }

        public static StreamingEngine? EngineOf(IDictionary bound)
        {
            if (bound == null || !bound.Contains("Engine")) return null;
            var value = bound["Engine"];
            if (value is PSObject wrapped) value = wrapped.BaseObject;
            if (value is StreamingEngine engine) return engine;
            return Enum.TryParse<StreamingEngine>(Convert.ToString(value), true, out var parsed) ? parsed : (StreamingEngine?)null;
        }
    }
}
