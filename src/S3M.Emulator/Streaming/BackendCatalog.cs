using S3M.Emulator.Streaming.Wire;

namespace S3M.Emulator.Streaming;

/// <summary>
/// What <c>list_backends</c> offers. RabbitMQ has two kinds and Redis one, so clients meet both the
/// "pick the only kind" and the "several kinds, say which" paths. Provision checks against this list.
/// </summary>
internal static class BackendCatalog
{
    public const string Cpus = "cpus";
    public const string RamGbs = "ram-gbs";
    public const string Nodes = "nodes";

    private static readonly ResourceOption CpuOption = new(Cpus, "CPU cores per node", 1, 8, 2);
    private static readonly ResourceOption RamOption = new(RamGbs, "Memory per node, in GB", 1, 32, 4);
    private static readonly ResourceOption NodeOption = new(Nodes, "Nodes in the cluster", 1, 5, 1);

    private static readonly FeatureFlag ManagementUi = new("management-ui", "Serve the RabbitMQ management web UI at mgmtUrl", true);
    private static readonly FeatureFlag Persistence = new("persistence", "Keep data on disk across restarts (RDB snapshots)", false);

    public static IReadOnlyList<Backend> All { get; } =
    [
        new(EngineNames.RabbitMq, "general", "RabbitMQ with classic and quorum queues", [CpuOption, RamOption, NodeOption], [ManagementUi]),
        new(EngineNames.RabbitMq, "stream", "RabbitMQ tuned for streams: append-only logs with replay", [CpuOption, RamOption, NodeOption], [ManagementUi]),
        new(EngineNames.Redis, "general", "Redis-compatible key-value store (Valkey), single node", [CpuOption, RamOption], [Persistence]),
    ];

    public static IReadOnlyList<Backend> Of(string engine) => [.. All.Where(b => b.Engine == engine)];

    public static Backend? Find(string engine, string kind) => All.FirstOrDefault(b => b.Engine == engine && b.Kind == kind);
}
