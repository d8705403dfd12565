using System;

namespace S3M.Streaming;

/// <summary>Engine names as the wire spells them (rabbitmq, redis; valkey read as Redis).</summary>
public static class StreamingEngines
{
    public static readonly StreamingEngine[] All = { StreamingEngine.RabbitMQ, StreamingEngine.Redis };

    public static string WireName(this StreamingEngine engine) => engine == StreamingEngine.Redis ? "redis" : "rabbitmq";

    public static StreamingEngine? FromWire(string? name)
    {
        if (string.Equals(name, "redis", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "valkey", StringComparison.OrdinalIgnoreCase))
        {
            return StreamingEngine.Redis;
        }

        if (string.Equals(name, "rabbitmq", StringComparison.OrdinalIgnoreCase))
        {
            return StreamingEngine.RabbitMQ;
        }

        return null;
    }
}
