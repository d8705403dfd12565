using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace S3M.Commands;

/// <summary>Completion results for the values that start with what was typed.</summary>
internal static class Completions
{
    public static IEnumerable<CompletionResult> Matching(IEnumerable<string> values, string word, Func<string, string> tooltip)
    {
        var typed = Typed(word);
        return values.Where(v => v.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderBy(v => v, StringComparer.OrdinalIgnoreCase)
            .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, tooltip(v)));
    }

    /// <summary>What was typed so far, without the quotes the user may have opened.</summary>
    public static string Typed(string? word) => (word ?? "").Trim('\'', '"');

    /// <summary>A parameter the user already typed on the command line, as a string.</summary>
    public static string? Bound(IDictionary? bound, string name)
    {
        if (bound == null || !bound.Contains(name))
        {
            return null;
        }

        var value = bound[name];
        if (value is PSObject wrapped)
        {
            value = wrapped.BaseObject;
        }

        if (value is IEnumerable many && !(value is string))
        {
            value = many.Cast<object>().FirstOrDefault();
        }

        var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    /// <summary>The -Engine the user already typed, if it names one.</summary>
    public static StreamingEngine? EngineOf(IDictionary bound)
    {
        var text = Bound(bound, "Engine");
        return text != null && Enum.TryParse<StreamingEngine>(text, true, out var engine) ? engine : (StreamingEngine?)null;
    }
}

/// <summary>
/// Completion that asks S3M: the default session (or, for public calls, the default base
/// URI), answers cached for a few minutes, at most two seconds of waiting, and silence on any
/// failure: a completer must never throw or hang the prompt.
/// </summary>
internal static class RemoteCompletion
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(3);
    private static readonly ConcurrentDictionary<string, (DateTimeOffset At, object Value)> Cache =
        new ConcurrentDictionary<string, (DateTimeOffset, object)>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Asks with the default session's token; null without a usable session.</summary>
    public static T? Ask<T>(string? cacheKey, Func<S3mClient, CancellationToken, Task<T>> ask) where T : class
    {
        var session = SessionStore.CurrentDefault();
        if (session == null || session.Disconnected || session.Revoked)
        {
            return null;
        }
        // Answers differ per project: the session is part of the key.
        return Run(session.Client, cacheKey == null ? null : $"{session.BaseUri}|{session.TokenId}|{session.ConnectedAt.UtcTicks}|{cacheKey}", ask);
    }

    /// <summary>Asks a public (tokenless) question, such as status.</summary>
    public static T? AskPublic<T>(string cacheKey, Func<S3mClient, CancellationToken, Task<T>> ask) where T : class
    {
        try
        {
            var client = SessionStore.PublicClient(SessionStore.CurrentDefault());
            return Run(client, $"{client.Options.BaseUri}|{cacheKey}", ask);
        }
        catch (Exception) { return null; }
    }

    private static T? Run<T>(S3mClient client, string? key, Func<S3mClient, CancellationToken, Task<T>> ask) where T : class
    {
        if (key != null && Cache.TryGetValue(key, out var hit) && DateTimeOffset.UtcNow - hit.At < CacheFor && hit.Value is T cached)
        {
            return cached;
        }

        try
        {
            using var deadline = new CancellationTokenSource(Limit);
            var task = Task.Run(() => ask(client, deadline.Token));
            if (!task.Wait(Limit))
            {
                return null;
            }

            if (key != null)
            {
                Cache[key] = (DateTimeOffset.UtcNow, task.Result);
            }

            return task.Result;
        }
        catch (Exception) { return null; } // completion must never throw
    }
}
