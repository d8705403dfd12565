using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using S3M.Streaming;

namespace S3M.Commands;

/// <summary>Offers the kinds the chosen engine's backends have.</summary>
public sealed class StreamingKindCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var backends = RemoteCompletion.Ask("backends", (client, token) => client.Streaming.GetBackendsAsync(token));
        var engine = Completions.EngineOf(fakeBoundParameters);
        var kinds = backends?.Where(b => engine == null || b.Engine == engine).Where(b => b.Kind != null).ToArray() ?? Array.Empty<StreamingBackend>();
        return Completions.Matching(kinds.Select(b => b.Kind!), wordToComplete,
            kind => string.Join("; ", kinds.Where(b => b.Kind == kind).Select(b => $"{b.Engine}: {b.Description}")));
    }
}

/// <summary>Offers the names of the chosen engine's clusters (both engines' when none is chosen).</summary>
public sealed class StreamingClusterNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var engine = Completions.EngineOf(fakeBoundParameters);
        var engines = engine.HasValue ? new[] { engine.Value } : StreamingEngines.All;
        // Clusters come and go: never cached.
        var clusters = RemoteCompletion.Ask<StreamingClusterInfo[]>(null, async (client, token) =>
        {
            var found = new List<StreamingClusterInfo>();
            foreach (var e in engines)
            {
                found.AddRange(await client.Streaming.GetClustersAsync(e, token).ConfigureAwait(false));
            }

            return found.ToArray();
        }) ?? Array.Empty<StreamingClusterInfo>();
        return Completions.Matching(clusters.Where(c => c.Name != null).Select(c => c.Name!), wordToComplete,
            name => string.Join("; ", clusters.Where(c => c.Name == name).Select(c => $"{c.Engine} {c.Kind}: {c.SyncStatus}/{c.HealthStatus}")));
    }
}
