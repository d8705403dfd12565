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
                OneCluster(service, engine, name, force.Project, project => service.Force(project, engine, name, force.SyncStatus, force.HealthStatus))));

        control.MapPost("/{engine}/{name}/delete-refusal", (HttpRequest request, string engine, string name, StreamingService service) =>
            ControlJson.HandleAsync<DeleteRefusalRequest>(request, refuse =>
                OneCluster(service, engine, name, refuse.Project, project => service.RefuseDelete(project, engine, name, refuse.Parsed))));
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the one cluster of that engine and name (of
    /// <paramref name="project"/>, needed only when several projects share the name) and describes it.
    /// </summary>
    private static IResult OneCluster(StreamingService service, string engine, string name, string? project, Func<string, ClusterRecord?> change)
    {
        var matches = service.All().Where(c => c.Engine == engine && c.Name == name && (project is null || c.Project == project)).ToList();
        if (matches.Count > 1)
        {
            return ControlJson.BadRequest($"several projects have a {engine} cluster named \"{name}\": give project");
        }

        var cluster = matches.Count == 1 ? change(matches[0].Project) : null;
        return cluster is null
            ? Results.Json(new { error = $"no {engine} cluster named \"{name}\"" }, ControlJson.Options, statusCode: StatusCodes.Status404NotFound)
            : ControlJson.Ok(Describe(cluster, service));
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
            deleteRefusal = DeleteRefusalRequest.Word(cluster.DeleteRefusal),
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

/// <summary>
/// Body of <c>POST /_emulator/streaming/{engine}/{name}/delete-refusal</c>: from now on a delete of
/// the cluster answers 200 <c>{}</c> (<c>"omitted"</c>: protojson leaves a false out) or
/// <c>{"success":false}</c> (<c>"false"</c>), and the cluster stays; <c>""</c> lets deletes work again.
/// </summary>
internal sealed record DeleteRefusalRequest : IControlRequest
{
    private static readonly (string Word, DeleteRefusal Refusal)[] Words =
        [("", DeleteRefusal.None), ("omitted", DeleteRefusal.Omitted), ("false", DeleteRefusal.False)];

    public string? Refusal { get; init; }

    /// <summary>Needed only when clusters of several projects share the name.</summary>
    public string? Project { get; init; }

    public DeleteRefusal Parsed => Words.First(w => w.Word == Refusal).Refusal;

    public static string Word(DeleteRefusal refusal) => Words.First(w => w.Refusal == refusal).Word;

    public string? Problem() =>
        Refusal is null ? "refusal is required: \"omitted\" (answers {}), \"false\" (answers {\"success\":false}) or \"\" (deletes work)"
        : Words.Any(w => w.Word == Refusal) ? null
        : $"refusal \"{Refusal}\" is not one of \"omitted\", \"false\", \"\"";
}
