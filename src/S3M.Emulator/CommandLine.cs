namespace S3M.Emulator;

/// <summary>The emulator's command line, as docs/emulator.md describes it.</summary>
internal sealed record CommandLine(EmulatorOptions Options, bool ExitOnStdinClose, bool ShowHelp)
{
    public const string Usage =
        "usage: S3M.Emulator [--urls http://127.0.0.1:0] [--allow-remote] [--token-dir DIR] [--config FILE] [--exit-on-stdin-close]";

    /// <summary>Reads <c>--name value</c> and <c>--name=value</c> forms; null and an error message when the line is wrong.</summary>
    public static CommandLine? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        var values = new Dictionary<string, string>();
        var exitOnStdinClose = false;
        var allowRemote = false;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], null);
            switch (name)
            {
                case "-h" or "--help":
                    return new CommandLine(new EmulatorOptions(), exitOnStdinClose, ShowHelp: true);
                case "--exit-on-stdin-close" when inlineValue is null:
                    exitOnStdinClose = true;
                    break;
                case "--allow-remote" when inlineValue is null:
                    allowRemote = true;
                    break;
                case "--urls" or "--token-dir" or "--config":
                    var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : null);
                    if (string.IsNullOrEmpty(value))
                    {
                        error = $"{name} needs a value";
                        return null;
                    }

                    values[name] = value;
                    break;
                default:
                    error = $"unknown argument \"{args[i]}\"";
                    return null;
            }
        }

        var options = new EmulatorOptions
        {
            Urls = values.GetValueOrDefault("--urls", EmulatorOptions.DefaultUrls),
            TokenDirectory = values.GetValueOrDefault("--token-dir"),
            ConfigFile = values.GetValueOrDefault("--config"),
            AllowRemote = allowRemote,
        };
        if (!allowRemote && Loopback.UrlsProblem(options.Urls) is { } problem)
        {
            error = $"--urls {problem}";
            return null;
        }

        return new CommandLine(options, exitOnStdinClose, ShowHelp: false);
    }
}
