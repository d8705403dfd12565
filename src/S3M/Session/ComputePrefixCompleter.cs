using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using S3M.Transport;

namespace S3M.Commands
{
    /// <summary>Offers the two documented compute prefixes.</summary>
    public sealed class ComputePrefixCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            new[] { S3mRoutes.DefaultComputePrefix, S3mRoutes.ShortComputePrefix }
                .Where(p => p.StartsWith(wordToComplete.Trim('\'', '"'), System.StringComparison.OrdinalIgnoreCase))
                .Select(p => new CompletionResult(p, p, CompletionResultType.ParameterValue, p));
    }
}
