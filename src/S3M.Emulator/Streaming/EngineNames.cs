namespace S3M.Emulator.Streaming;

/// <summary>The engines as the gateway spells them in paths and answers.</summary>
internal static class EngineNames
{
    public const string RabbitMq = "rabbitmq";

    public const string Redis = "redis";

    public static IReadOnlyList<string> All { get; } = [RabbitMq, Redis];

    /// <summary>Exact, lowercase match: the gateway's path words are not case-folded.</summary>
    public static bool IsKnown(string engine) => All.Contains(engine, StringComparer.Ordinal);
}
