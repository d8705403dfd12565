using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using S3M.Transport;

namespace S3M.Commands;

/// <summary>
/// Which session a cmdlet uses when it is given no -Session: the default of its runspace.
/// <list type="bullet">
/// <item>A runspace's own default is the session Connect-S3m made there. It lives in a global
/// variable of that runspace, so it lasts across the separate invocations of a host (a
/// notebook cell, an editor's F8), and is gone when ForEach-Object -Parallel reuses the
/// runspace for the next iteration (PowerShell resets its variables then).</item>
/// <item>A runspace that never connected inherits the default of the code that started it:
/// the session travels in an AsyncLocal, which .NET copies into every runspace, thread job or
/// parallel iteration started afterwards, and never back.</item>
/// </list>
/// So Connect-S3m and Disconnect-S3m in one runspace never change another runspace's default.
/// A runspace that runs on its caller's thread (PSThreadOptions.UseCurrentThread) lends
/// nothing: the AsyncLocal there is its caller's, and would change what the caller lends.
/// </summary>
internal static class SessionStore
{
    /// <summary>Holds the runspace's own default; present with $null after Disconnect-S3m (then nothing is inherited).</summary>
    internal const string VariableName = "S3mDefaultSession";
    private const string GlobalVariable = "global:" + VariableName;

    private static readonly AsyncLocal<Session?> Inherited = new AsyncLocal<Session?>();

    /// <summary>The default session of the runspace <paramref name="state"/> belongs to, or null.</summary>
    public static Session? Default(SessionState state)
    {
        var own = state.PSVariable.Get(GlobalVariable);
        if (own != null)
        {
            return Unwrap(own.Value);
        }

        return Inherited.Value;
    }

    /// <summary>Whether the runspace's default came from the code that started it rather than from a Connect-S3m of its own.</summary>
    public static bool IsInherited(SessionState state) => state.PSVariable.Get(GlobalVariable) == null && Inherited.Value != null;

    /// <summary>Makes <paramref name="session"/> the default here and in every runspace started from here from now on.</summary>
    public static void SetDefault(SessionState state, Session session)
    {
        Write(state, session);
        if (!OnBorrowedThread)
        {
            Inherited.Value = session;
        }
    }

    /// <summary>Leaves this runspace (and what it starts from now on) with no default; other runspaces keep theirs.</summary>
    public static void ClearDefault(SessionState state)
    {
        Write(state, null);
        if (!OnBorrowedThread)
        {
            Inherited.Value = null;
        }
    }

    private static void Write(SessionState state, Session? session)
    {
        try { state.PSVariable.Set(GlobalVariable, session); }
        catch (SessionStateUnauthorizedAccessException)
        {
            throw S3mException.InvalidArgumentSaying(VariableName,
                $"The variable ${VariableName}, where this runspace keeps its default S3M session, was made read-only or constant; remove it (Remove-Variable {VariableName} -Scope Global -Force) and try again.");
        }
    }

    private static bool OnBorrowedThread =>
        System.Management.Automation.Runspaces.Runspace.DefaultRunspace?.ThreadOptions == System.Management.Automation.Runspaces.PSThreadOptions.UseCurrentThread;

    /// <summary>Clears the default only if it is still <paramref name="session"/>.</summary>
    public static void Forget(SessionState state, Session session)
    {
        if (ReferenceEquals(Default(state), session))
        {
            ClearDefault(state);
        }
    }

    /// <summary>
    /// The default of the runspace this thread runs, for code that has no SessionState of its
    /// own (completers, Session.IsDefault); null off a runspace's thread.
    /// </summary>
    public static Session? CurrentDefault()
    {
        if (System.Management.Automation.Runspaces.Runspace.DefaultRunspace == null)
        {
            return null;
        }

        try
        {
            // A nested pipeline on the current runspace: the only public way to its variables
            // while it runs. The command is named with its module, so no function or alias of
            // the user's stands in for it; every parameter is explicit, so no default applies.
            using var shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
            var found = shell.AddCommand(@"Microsoft.PowerShell.Utility\Get-Variable").AddParameter("Name", VariableName)
                .AddParameter("Scope", "Global").AddParameter("ValueOnly", false).AddParameter("ErrorAction", ActionPreference.Ignore)
                .Invoke<PSVariable>().FirstOrDefault();
            return found != null ? Unwrap(found.Value) : Inherited.Value;
        }
        catch (Exception)
        {
            return null; // a view or a completer asks: they must never fail for it
        }
    }

    private static Session? Unwrap(object? value) => (value is PSObject wrapped ? wrapped.BaseObject : value) as Session;

    internal const string BaseUriVariable = "S3M_BASE_URI";

    /// <summary>$env:S3M_BASE_URI, else the public gateway.</summary>
    public static Uri DefaultBaseUri()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(BaseUriVariable);
        if (string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return new Uri(S3mClientOptions.DefaultBaseUri);
        }

        if (!Uri.TryCreate(fromEnvironment!.Trim(), UriKind.Absolute, out var uri))
        {
            throw S3mException.InvalidArgument("BaseUri", $"from ${BaseUriVariable} ('{S3mNames.Printable(fromEnvironment)}') is not an absolute URI.");
        }

        return uri;
    }

    /// <summary>
    /// The client for calls S3M answers without a token (status): <paramref name="session"/>'s
    /// (the caller passes -Session or its default), else a tokenless one for the default base URI.
    /// </summary>
    public static S3mClient PublicClient(Session? session)
    {
        if (session != null && !session.Disconnected)
        {
            return session.Client;
        }

        return new S3mClient(new S3mClientOptions { BaseUri = DefaultBaseUri() }, null);
    }
}
