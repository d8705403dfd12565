namespace S3M;

/// <summary>The streaming engines S3M provisions. Users type RabbitMQ or Redis; the wire says rabbitmq or redis.</summary>
public enum StreamingEngine
{
    RabbitMQ,
    Redis,
}
