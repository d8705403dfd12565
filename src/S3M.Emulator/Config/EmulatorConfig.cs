using System.Text.Json;
using System.Text.Json.Serialization;

namespace S3M.Emulator.Config;

/// <summary>
/// The data an emulator serves. <see cref="DemoData"/> builds the built-in one; <c>--config</c>
/// reads the same shape from JSON, and each list it names replaces the built-in list.
/// </summary>
internal sealed record EmulatorConfig
{
    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web)
    {
        // A misspelt field would otherwise be dropped without a word.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public IReadOnlyList<ResourceSpec>? Resources { get; init; }

    public IReadOnlyList<DowntimeSpec>? Downtimes { get; init; }

    public IReadOnlyList<TokenSpec>? Tokens { get; init; }

    /// <summary>The resources that answer Slurm calls, and the API versions each serves.</summary>
    public IReadOnlyList<SlurmClusterSpec>? Slurm { get; init; }

    /// <summary>How fast emulated jobs move; a file that names it replaces it whole.</summary>
    public SchedulerSpec? Scheduler { get; init; }

    /// <summary>The streaming clusters' ready delay and the redis-server behind Redis clusters.</summary>
    public StreamingSpec? Streaming { get; init; }

    /// <summary>The built-in data, with the lists that <paramref name="path"/> names replaced.</summary>
    /// <exception cref="InvalidDataException">The file is not valid configuration.</exception>
    public static EmulatorConfig Load(string? path)
    {
        var builtIn = DemoData.Create();
        if (path is null)
        {
            return builtIn;
        }

        EmulatorConfig file;
        try
        {
            file = JsonSerializer.Deserialize<EmulatorConfig>(File.ReadAllText(path), ReadOptions)
                ?? throw new InvalidDataException($"{path}: the configuration is null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }

        return new EmulatorConfig
        {
            Resources = file.Resources ?? builtIn.Resources,
            Downtimes = file.Downtimes ?? builtIn.Downtimes,
            Tokens = file.Tokens ?? builtIn.Tokens,
            Slurm = file.Slurm ?? builtIn.Slurm,
            Scheduler = file.Scheduler ?? builtIn.Scheduler,
            Streaming = file.Streaming ?? builtIn.Streaming,
        };
    }
}

/// <summary>A resource on the status page; the emulator adds <c>upcomingDowntimes</c> and <c>retrievedAt</c>.</summary>
internal sealed record ResourceSpec
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public string SystemType { get; init; } = "";

    public string SecurityEnclave { get; init; } = "";

    public string Organization { get; init; } = "";

    public string Status { get; init; } = "";

    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    public bool DowntimeScheduleAvailable { get; init; }
}

/// <summary>A downtime; times are RFC 3339 or relative to start ("+2h").</summary>
internal sealed record DowntimeSpec
{
    public required string ResourceName { get; init; }

    public string Status { get; init; } = "UNAVAILABLE";

    public required string Start { get; init; }

    public required string End { get; init; }

    public string Description { get; init; } = "";

    public DowntimeAttributes Attributes { get; init; } = new();

    public string? UpdatedAt { get; init; }
}

/// <summary>A downtime's flags, the same in configuration and on the wire.</summary>
internal sealed record DowntimeAttributes
{
    public bool Scheduled { get; init; }

    public bool Reboot { get; init; }
}

/// <summary>A token minted at start and written to <see cref="File"/> in the token folder.</summary>
internal sealed record TokenSpec
{
    public required string File { get; init; }

    public required string Project { get; init; }

    public IReadOnlyList<string> Scopes { get; init; } = [];

    public string Enclave { get; init; } = "open";

    /// <summary>A duration such as "30d" or "2h".</summary>
    public string ExpiresIn { get; init; } = "30d";

    public string Description { get; init; } = "";

    public long Extensions { get; init; }
}
