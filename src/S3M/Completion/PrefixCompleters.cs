using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using S3M.Transport;

namespace S3M.Commands;

/// <summary>Offers the two documented compute prefixes.</summary>
public sealed class ComputePrefixCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Completions.Matching(new[] { S3mClientOptions.DefaultComputePrefix, S3mClientOptions.ShortComputePrefix }, wordToComplete, p => p);
}

/// <summary>Offers the two documented streaming prefixes ({enclave} stands for the session's enclave).</summary>
public sealed class StreamingPrefixCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Completions.Matching(new[] { S3mClientOptions.DefaultStreamingPrefix, S3mClientOptions.ShortStreamingPrefix }, wordToComplete, p => p);
}
