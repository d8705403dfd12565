using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using S3M.Slurm;

namespace S3M.Commands
{
    /// <summary>Offers the resources whose Slurm version S3M knows (the public table and the session's overrides).</summary>
    public sealed class ResourceCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var table = SessionStore.Default?.Client.Slurm.Versions.Table ?? SlurmApiVersions.PublicTable;
            return Completions.Matching(table.Keys, wordToComplete, name => $"{name} (Slurm {table[name]})");
        }
    }

    /// <summary>Offers the slurmrestd versions S3M serves.</summary>
    public sealed class ApiVersionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            Completions.Matching(SlurmApiVersions.Known, wordToComplete, v => v);
    }

    internal static class Completions
    {
        public static IEnumerable<CompletionResult> Matching(IEnumerable<string> values, string word, Func<string, string> tooltip)
        {
            var typed = (word ?? "").Trim('\'', '"');
            return values.Where(v => v.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .OrderBy(v => v, StringComparer.OrdinalIgnoreCase)
                .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, tooltip(v)));
        }
    }
}
