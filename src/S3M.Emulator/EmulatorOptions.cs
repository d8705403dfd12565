namespace S3M.Emulator;

/// <summary>How to start an emulator: where it listens, where it writes token files, what data it serves.</summary>
public sealed class EmulatorOptions
{
    /// <summary>Kestrel URL to bind. Port 0 picks a free port; <see cref="RunningEmulator.BaseUri"/> tells which.</summary>
    public string Urls { get; init; } = DefaultUrls;

    internal const string DefaultUrls = "http://127.0.0.1:0";

    /// <summary>Folder for the demo token files. Null: a new temporary folder, deleted when the emulator stops.</summary>
    public string? TokenDirectory { get; init; }

    /// <summary>
    /// Lets <see cref="Urls"/> name addresses other than loopback. Off: anything but 127.0.0.1, [::1]
    /// and localhost is refused, since whoever can reach the emulator can use its tokens and clusters.
    /// </summary>
    public bool AllowRemote { get; init; }

    /// <summary>JSON file whose <c>resources</c>, <c>downtimes</c>, <c>tokens</c>, <c>slurm</c> and <c>scheduler</c> replace the built-in ones. Null: built-ins only.</summary>
    public string? ConfigFile { get; init; }
}
