using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using S3M.Slurm;
using S3M.Tokens;
using S3M.Transport;

namespace S3M.Commands;

/// <summary>Connects to S3M with a project token and makes the session the default.</summary>
[Cmdlet(VerbsCommunications.Connect, "S3m")]
[OutputType(typeof(Session))]
public sealed class ConnectS3m : S3mCmdlet
{
    internal const string TokenFileVariable = "S3M_TOKEN_FILE";
    internal const string TokenVariable = "S3M_TOKEN";
    private static readonly TimeSpan ExpiryWarning = TimeSpan.FromHours(24);

    /// <summary>The token; never a plain string, so it stays out of history and logs.</summary>
    [Parameter]
    [ValidateNotNull]
    public SecureString? Token { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TokenPath { get; set; }

    [Parameter]
    [ValidateNotNull]
    public Uri? BaseUri { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Enclave { get; set; } = S3mClientOptions.DefaultEnclave;

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ComputePrefixCompleter))]
    public string ComputePrefix { get; set; } = S3mClientOptions.DefaultComputePrefix;

    /// <summary>Where the streaming service is; {enclave} becomes -Enclave.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(StreamingPrefixCompleter))]
    public string StreamingPrefix { get; set; } = S3mClientOptions.DefaultStreamingPrefix;

    /// <summary>Slurm API versions per resource, over the public table: @{ odo = 'v0.0.43' }.</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? SlurmApiVersion { get; set; }

    [Parameter]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    [Parameter]
    [ValidateRange(0, 20)]
    public int MaximumRetryCount { get; set; } = 4;

    /// <summary>How many requests one bulk call (such as many job IDs) keeps in flight at once.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int MaximumConcurrency { get; set; } = 8;

    /// <summary>The most bytes one answer may have once decompressed (1KB to 1GB): bounds what a broken or hostile server can make this process hold.</summary>
    [Parameter]
    [ValidateRange(S3mClientOptions.MinMaximumResponseSize, S3mClientOptions.MaxMaximumResponseSize)]
    public long MaximumResponseSize { get; set; } = S3mClientOptions.DefaultMaximumResponseSize;

    [Parameter]
    public SwitchParameter SkipIntrospection { get; set; }

    /// <summary>Reads a token file that other users may read or change, with a warning instead of an error (Unix).</summary>
    [Parameter]
    public SwitchParameter AllowUnprotectedTokenFile { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessS3mRecord()
    {
        var options = new S3mClientOptions
        {
            BaseUri = BaseUri ?? SessionStore.DefaultBaseUri(),
            Enclave = Enclave,
            ComputePrefix = ComputePrefix,
            StreamingPrefix = StreamingPrefix,
            Timeout = Timeout,
            Retry = new RetryOptions { MaximumRetryCount = MaximumRetryCount },
            MaximumConcurrency = MaximumConcurrency,
            MaximumResponseSize = MaximumResponseSize,
            SlurmApiVersions = new SlurmApiVersions(SlurmApiVersion?.Cast<DictionaryEntry>()
                .Select(e => new KeyValuePair<string, string>(Convert.ToString(e.Key) ?? "", Convert.ToString(e.Value) ?? ""))),
        };
        // Check where the token would go before reading it from anywhere.
        options.Validated();
        var client = new S3mClient(options, ReadToken(options.BaseUri));
        Session session;
        try
        {
            TokenInfo? info = null;
            if (!SkipIntrospection)
            {
                // A rejected token throws here, before any session exists.
                info = Await(token => client.Tokens.IntrospectAsync(false, token));
                WarnIfExpiring(info);
            }
            session = new Session(client, info, client.TokenPayload);
            SessionStore.SetDefault(SessionState, session);
        }
        catch
        {
            client.Dispose(); // no session holds the token: dispose it now, not at some garbage collection
            throw;
        }
        WriteVerbose($"Connected to {session.BaseUri} as project {session.Project ?? "(not introspected)"}, token {session.TokenId}.");
        if (PassThru)
        {
            WriteObject(session);
        }
    }

    /// <summary>
    /// The first token source that is there: -Token (copied), -TokenPath, the two variables, a
    /// prompt. A token from the environment goes only to https: on this machine, another user
    /// may own the loopback port a plain-http base names.
    /// </summary>
    private SecureString ReadToken(Uri baseUri)
    {
        if (Token != null)
        {
            return TokenFile.Copy(Token, "Token");
        }

        if (TokenPath != null)
        {
            return ReadTokenFile(TokenPath, "TokenPath");
        }

        var file = Environment.GetEnvironmentVariable(TokenFileVariable);
        var text = Environment.GetEnvironmentVariable(TokenVariable);
        var fromEnvironment = !string.IsNullOrWhiteSpace(file) ? TokenFileVariable : !string.IsNullOrWhiteSpace(text) ? TokenVariable : null;
        if (fromEnvironment != null && baseUri.Scheme != Uri.UriSchemeHttps)
        {
            throw S3mException.InvalidArgumentSaying("TokenPath",
                $"A token from ${fromEnvironment} is sent only over https, not to {baseUri.GetLeftPart(UriPartial.Authority)}: another user of this machine may own that port. Pass -TokenPath or -Token for a plain-http base such as the emulator.");
        }

        if (!string.IsNullOrWhiteSpace(file))
        {
            return ReadTokenFile(file!.Trim(), "$env:" + TokenFileVariable);
        }

        if (!string.IsNullOrWhiteSpace(text))
        {
            return TokenFile.Parse(text!, "$env:" + TokenVariable, "$env:" + TokenVariable);
        }

        if (IsInteractive())
        {
            Host.UI.Write("S3M token (input hidden): ");
            var typed = Host.UI.ReadLineAsSecureString();
            if (typed != null && typed.Length > 0)
            {
                return typed;
            }
        }
        throw S3mException.InvalidArgument("Token",
            $"was not found: pass -Token (a SecureString) or -TokenPath (a file with 'Authorization: <token>'), or set ${TokenFileVariable} or ${TokenVariable}.");
    }

    private SecureString ReadTokenFile(string path, string source)
    {
        var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
        var token = TokenFile.Read(full, source, AllowUnprotectedTokenFile, out var warning);
        if (warning != null)
        {
            WriteWarning(warning);
        }

        return token;
    }

    private bool IsInteractive()
    {
        if (Host?.UI == null || Console.IsInputRedirected)
        {
            return false;
        }

        if (!string.Equals(Host.Name, "ConsoleHost", StringComparison.Ordinal))
        {
            return false;
        }
        // "-noni" is a prefix of -NonInteractive too, so one test covers both.
        return !Environment.GetCommandLineArgs().Any(a => a.StartsWith("-noni", StringComparison.OrdinalIgnoreCase));
    }

    private void WarnIfExpiring(TokenInfo info)
    {
        var left = info.RemainingAt(DateTimeOffset.UtcNow);
        if (left.HasValue && left.Value < ExpiryWarning)
        {
            WriteWarning(left.Value <= TimeSpan.Zero
                ? $"The token of project {info.Project} expired at {info.PlannedExpiration:u}."
                : $"The token of project {info.Project} expires in {FormatSpan(left.Value)} ({info.PlannedExpiration:u}); create a new one on myOLCF before then.");
        }
    }

    private static string FormatSpan(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min" : $"{Math.Max(1, (int)span.TotalMinutes)} min";
}
