using System;
using S3M.Transport;

namespace S3M
{
    /// <summary>The streaming engines S3M provisions. Users type RabbitMQ or Redis; the wire says rabbitmq or redis.</summary>
    public enum StreamingEngine
    {
        RabbitMQ,
        Redis,
    }
}

namespace S3M.Streaming
{
    public static class StreamingEngines
    {
        public static readonly StreamingEngine[] All = { StreamingEngine.RabbitMQ, StreamingEngine.Redis };

        public static string WireName(this StreamingEngine engine) => engine == StreamingEngine.Redis ? "redis" : "rabbitmq";

        public static StreamingEngine? FromWire(string? name)
        {
            if (string.Equals(name, "redis", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "valkey", StringComparison.OrdinalIgnoreCase)) return StreamingEngine.Redis;
            if (string.Equals(name, "rabbitmq", StringComparison.OrdinalIgnoreCase)) return StreamingEngine.RabbitMQ;
            return null;
        }
    }
}
