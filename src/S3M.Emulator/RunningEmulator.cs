using S3M.Emulator.Tokens;

namespace S3M.Emulator;

/// <summary>An emulator that is listening. Disposing it stops it and deletes a token folder it made itself.</summary>
public sealed class RunningEmulator : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly bool ownsTokenDirectory;
    private readonly TokenService tokens;

    internal RunningEmulator(
        WebApplication app, Uri baseUri, string tokenDirectory, bool ownsTokenDirectory, TokenService tokens, string controlKey, string controlKeyPath)
    {
        this.app = app;
        this.ownsTokenDirectory = ownsTokenDirectory;
        this.tokens = tokens;
        BaseUri = baseUri;
        TokenDirectory = tokenDirectory;
        ControlKey = controlKey;
        ControlKeyPath = controlKeyPath;
    }

    /// <summary>The header every <c>/_emulator/</c> call carries <see cref="ControlKey"/> in.</summary>
    public const string ControlKeyHeader = Control.ControlKey.HeaderName;

    /// <summary>Where it listens, with the real port, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The folder holding the demo token files.</summary>
    public string TokenDirectory { get; }

    /// <summary>This run's control key, for the <see cref="ControlKeyHeader"/> header of <c>/_emulator/</c> calls. A secret: never print it.</summary>
    public string ControlKey { get; }

    /// <summary>The file holding <see cref="ControlKey"/> (mode 600 on Unix), as one line <c>X-S3M-Emulator-Key: &lt;key&gt;</c>.</summary>
    public string ControlKeyPath { get; }

    /// <summary>Makes a token, as <c>POST /_emulator/tokens</c> does.</summary>
    /// <param name="project">The project, such as <c>stf042</c>.</param>
    /// <param name="scopes">Scope words, such as <c>compute-ace</c>; none is allowed.</param>
    /// <param name="enclave">The security enclave.</param>
    /// <param name="lifetime">How long it is valid on the emulator's clock; default one hour; zero or less: already expired.</param>
    /// <param name="description">What introspect reports as its description.</param>
    public MintedToken MintToken(
        string project, IEnumerable<string> scopes, string enclave = "open", TimeSpan? lifetime = null, string description = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(project);
        ArgumentNullException.ThrowIfNull(scopes);
        return tokens.Mint(new TokenGrant(project, scopes.ToArray(), enclave, lifetime ?? TimeSpan.FromHours(1), description));
    }

    /// <summary>Stops listening and, if it made the token folder, deletes it.</summary>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        if (ownsTokenDirectory && Directory.Exists(TokenDirectory))
        {
            Directory.Delete(TokenDirectory, recursive: true);
        }
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C, SIGTERM, <see cref="RequestStop"/>).</summary>
    internal Task WaitForShutdownAsync() => app.WaitForShutdownAsync();

    internal void RequestStop() => app.Lifetime.StopApplication();
}
