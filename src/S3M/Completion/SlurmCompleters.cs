using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using S3M.Slurm;

namespace S3M.Commands;

/// <summary>Offers the resources the status service lists (cached a few minutes), else those with a known Slurm version.</summary>
public sealed class ResourceCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var resources = RemoteCompletion.AskPublic("status", (client, token) => client.Status.GetResourcesAsync(token));
        var versions = SessionStore.CurrentDefault()?.Client.Slurm.Versions ?? new SlurmApiVersions();
        var names = resources?.Where(r => r.Name != null).Select(r => r.Name!) ?? versions.Table.Keys;
        return Completions.Matching(names, wordToComplete, name =>
        {
            var status = resources?.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
            var version = versions.For(name);
            return status == null ? $"{name} (Slurm {version})" : $"{name}: {status.Status}, Slurm {version}";
        });
    }
}

/// <summary>Offers the slurmrestd versions, the chosen resource's own first.</summary>
public sealed class ApiVersionCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var resource = Completions.Bound(fakeBoundParameters, "Resource");
        var versions = SessionStore.CurrentDefault()?.Client.Slurm.Versions ?? new SlurmApiVersions();
        var own = resource == null ? null : versions.For(resource);
        var typed = Completions.Typed(wordToComplete);
        return SlurmApiVersions.Known
            .Where(v => v.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .OrderBy(v => v == own ? 0 : 1).ThenBy(v => v, StringComparer.Ordinal)
            .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, v == own ? $"{v} (what {resource} uses)" : v));
    }
}

/// <summary>Offers the partitions of the chosen resource.</summary>
public sealed class PartitionCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var resource = Completions.Bound(fakeBoundParameters, "Resource");
        if (resource == null)
        {
            return Enumerable.Empty<CompletionResult>();
        }

        var partitions = RemoteCompletion.Ask("partitions|" + resource, async (client, token) => (await client.Slurm.GetPartitionsAsync(resource, null, token).ConfigureAwait(false)).Value);
        return Completions.Matching(partitions?.Where(p => p.Name != null).Select(p => p.Name!) ?? Enumerable.Empty<string>(), wordToComplete, name =>
        {
            var p = partitions!.First(x => x.Name == name);
            return $"{name}: {p.State}, {p.NodeCount} nodes, up to {p.MaximumTime}";
        });
    }
}

/// <summary>Offers the project's jobs on the chosen resource, with name and state as the tooltip.</summary>
public sealed class JobIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var resource = Completions.Bound(fakeBoundParameters, "Resource");
        if (resource == null)
        {
            return Enumerable.Empty<CompletionResult>();
        }
        // Jobs change by the second: never cached.
        var jobs = RemoteCompletion.Ask<SlurmJob[]>(null, async (client, token) => (await client.Slurm.GetJobsAsync(resource, null, token).ConfigureAwait(false)).Value);
        var typed = Completions.Typed(wordToComplete);
        return (jobs ?? Array.Empty<SlurmJob>())
            .Where(j => j.JobId.ToString(System.Globalization.CultureInfo.InvariantCulture).StartsWith(typed, StringComparison.Ordinal))
            .OrderByDescending(j => j.JobId)
            .Select(j => new CompletionResult(j.JobId.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{j.JobId} {j.Name}",
                CompletionResultType.ParameterValue, $"{j.Name} ({j.State})"));
    }
}
