using S3M.Emulator.Control;

namespace S3M.Emulator.Streaming;

/// <summary>
/// <c>/_emulator/streaming</c>: whether Redis is real, the ready delay, and forced status words
/// so clients can test a cluster that turns unhealthy. Under <c>/_emulator</c>, so never logged or faulted.
/// </summary>
internal static class StreamingControl
{
    /// <param name="emulatorControl">The <c>/_emulator</c> group, which checks the control key.</param>
    public static void MapStreamingControl(this RouteGroupBuilder emulatorControl)
    {
        var control = emulatorControl.MapGroup("/streaming");

        control.MapGet("/", (StreamingService service) => ControlJson.Ok(State(service)));

        control.MapPost("/", (HttpRequest request, StreamingService service) =>
            ControlJson.HandleAsync<StreamingSettingsRequest>(request, settings =>
            {
                service.ReadySeconds = settings.ReadySeconds!.Value;
                return ControlJson.Ok(State(service));
            }));

        control.MapPost("/{engine}/{name}/health", (HttpRequest request, string engine, string name, StreamingService service) =>
            ControlJson.HandleAsync<ClusterHealthRequest>(request, force =>
            {
                var matches = service.All().Where(c => c.Engine == engine && c.Name == name && (force.Project is null || c.Project == force.Project)).ToList();
                if (matches.Count > 1)
                {
                    return ControlJson.BadRequest($"several projects have a {engine} cluster named \"{name}\": give project");
                }

                var cluster = matches.Count == 1 ? service.Force(matches[0].Project, engine, name, force.SyncStatus, force.HealthStatus) : null;
                return cluster is null
                    ? Results.Json(new { error = $"no {engine} cluster named \"{name}\"" }, ControlJson.Options, statusCode: StatusCodes.Status404NotFound)
                    : ControlJson.Ok(Describe(cluster, service));
            }));
    }

    private static object State(StreamingService service) => new
    {
        realRedis = service.RealRedis,
        redisServer = service.RedisServer,
        whyNoRealRedis = service.WhyNoRealRedis,
        readySeconds = service.ReadySeconds,
        clusters = service.All().Select(c => Describe(c, service)).ToList(),
    };

    private static object Describe(ClusterRecord cluster, StreamingService service)
    {
        var health = cluster.HealthAt(service.Clock.GetUtcNow());
        return new
        {
            project = cluster.Project,
            engine = cluster.Engine,
            name = cluster.Name,
            syncStatus = health.SyncStatus,
            healthStatus = health.HealthStatus,
            expiresAt = cluster.ExpiresAt,
            redisPort = cluster.Redis?.Port,
            redisPid = cluster.Redis?.Pid,
        };
    }
}

/// <summary>Body of <c>POST /_emulator/streaming</c>: the ready delay for clusters provisioned after.</summary>
internal sealed record StreamingSettingsRequest : IControlRequest
{
    public double? ReadySeconds { get; init; }

    public string? Problem() =>
        ReadySeconds is not { } seconds ? "readySeconds is required" : StreamingService.ReadySecondsProblem(seconds);
}

/// <summary>
/// Body of <c>POST /_emulator/streaming/{engine}/{name}/health</c>: words to report from now on,
/// any word at all (so clients can meet unknown ones); "" returns a field to the lifecycle.
/// </summary>
internal sealed record ClusterHealthRequest : IControlRequest
{
    public string? SyncStatus { get; init; }

    public string? HealthStatus { get; init; }

    /// <summary>Needed only when clusters of several projects share the name.</summary>
    public string? Project { get; init; }

    public string? Problem() =>
        SyncStatus is null && HealthStatus is null ? "give healthStatus, syncStatus, or both (\"\" returns a field to the lifecycle's word)" : null;
}
