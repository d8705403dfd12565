using S3M.Emulator.Gateway;
using S3M.Emulator.Streaming.Wire;
using S3M.Emulator.Tokens;

namespace S3M.Emulator.Streaming;

/// <summary>
/// The streaming service: every call needs <c>data-streaming</c> and the token's enclave in the
/// path. A cluster belongs to the project of the token that made it; other projects get 404.
/// </summary>
internal static class StreamingEndpoints
{
    /// <summary>
    /// With the enclave, and the form older documents show ("inside the gateway") without it, which
    /// means the token's own. Which form the real gateway serves is not known, so both are served.
    /// </summary>
    public static IReadOnlyList<string> Prefixes { get; } =
        ["/olcf/{enclave}/v1alpha/streaming", "/olcf/v1alpha/streaming"];

    public static void MapStreaming(this IEndpointRouteBuilder app)
    {
        // Made now rather than at the first call, so the no-Redis line is printed at start.
        app.ServiceProvider.GetRequiredService<StreamingService>();

        foreach (var prefix in Prefixes)
        {
            MapCalls(app.MapGroup(prefix).RequireToken(ScopeRequirement.Streaming));
        }
    }

    private static void MapCalls(RouteGroupBuilder streaming)
    {
        streaming.MapGet("/list_backends", (HttpContext http) =>
            GatewayAuth.TokenInPathEnclave(http, out var refusal) is null ? refusal! : WireJson.Ok(new BackendsAnswer(BackendCatalog.All)));

        streaming.MapPost("/{engine}/provision_cluster", async (HttpContext http, string engine, StreamingService service) =>
        {
            if (Caller(http, engine, out var refusal) is not { } token)
            {
                return refusal!;
            }

            var body = await WireJson.ReadBodyAsync(http.Request);
            if (ProvisionRules.Parse(engine, body, out var problem) is not { } plan)
            {
                return GatewayError.Result(GrpcCode.InvalidArgument, $"invalid provision request: {problem}", problem);
            }

            var (outcome, cluster) = await service.ProvisionAsync(token.Project, engine, plan);
            return outcome == ProvisionOutcome.AlreadyExists
                ? GatewayError.Result(GrpcCode.AlreadyExists,
                    $"{engine} cluster \"{plan.Name}\" already exists in project {token.Project}",
                    $"Your project already has a {engine} cluster named \"{plan.Name}\": pick another name, or delete that one first.")
                : WireJson.Ok(cluster!.ProvisionAnswer());
        });

        streaming.MapGet("/{engine}/list_clusters", (HttpContext http, string engine, StreamingService service) =>
            Caller(http, engine, out var refusal) is not { } token
                ? refusal!
                : WireJson.Ok(new ClustersAnswer([.. service.List(token.Project, engine).Select(c => c.Summary(service.Clock.GetUtcNow()))])));

        streaming.MapGet("/{engine}/cluster/{name}", (HttpContext http, string engine, string name, StreamingService service) =>
            Caller(http, engine, out var refusal) is not { } token ? refusal!
            : service.Find(token.Project, engine, name) is { } cluster ? WireJson.Ok(new ClusterAnswer(cluster.Detail(service.Clock.GetUtcNow())))
            : NotFound(engine, name));

        streaming.MapPost("/{engine}/extend/{name}", (HttpContext http, string engine, string name, StreamingService service) =>
            Caller(http, engine, out var refusal) is not { } token ? refusal!
            : service.Extend(token.Project, engine, name) is { } cluster ? WireJson.Ok(new ExtendAnswer(cluster.LifetimeAt(service.Clock.GetUtcNow())))
            : NotFound(engine, name));

        streaming.MapDelete("/{engine}/cluster/{name}", (HttpContext http, string engine, string name, StreamingService service) =>
            Caller(http, engine, out var refusal) is not { } token ? refusal!
            : service.Delete(token.Project, engine, name) switch
            {
                DeleteRefusal.None => WireJson.Ok(new DeleteAnswer(true)),
                DeleteRefusal.Omitted => WireJson.Ok(new DeleteAnswer(false)),
                DeleteRefusal.False => WireJson.Ok(new ExplicitDeleteAnswer(false)),
                _ => NotFound(engine, name),
            });
    }

    /// <summary>The token, when the path's enclave is its own (else 403) and the engine is known (else 404).</summary>
    private static TokenRecord? Caller(HttpContext http, string engine, out IResult? refusal)
    {
        var token = GatewayAuth.TokenInPathEnclave(http, out refusal);
        if (token is not null && !EngineNames.IsKnown(engine))
        {
            refusal = GatewayError.Result(GrpcCode.NotFound,
                $"unknown streaming engine \"{engine}\"; engines: {string.Join(", ", EngineNames.All)}");
            return null;
        }

        return token;
    }

    // The same answer whether the cluster never was, is gone, or is another project's: no probing names.
    private static IResult NotFound(string engine, string name) =>
        GatewayError.Result(GrpcCode.NotFound, $"{engine} cluster \"{name}\" not found in your project");
}
