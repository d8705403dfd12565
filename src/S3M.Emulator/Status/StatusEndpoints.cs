using S3M.Emulator.Gateway;

namespace S3M.Emulator.Status;

/// <summary>The status service: public, no token. Literal segments outrank <c>{name}</c>, so "downtimes" is never taken for a resource.</summary>
internal static class StatusEndpoints
{
    public static void MapStatus(this IEndpointRouteBuilder app)
    {
        var status = app.MapGroup("/olcf/v1alpha/status");

        status.MapGet("/", (StatusCatalog catalog) => WireJson.Ok(new ResourcesAnswer(catalog.Resources())));

        status.MapGet("/downtimes", (StatusCatalog catalog) => WireJson.Ok(new DowntimesAnswer(catalog.InEffect())));

        status.MapGet("/downtimes/upcoming", (StatusCatalog catalog) => WireJson.Ok(new DowntimesAnswer(catalog.Upcoming())));

        status.MapGet("/{name}", (string name, StatusCatalog catalog) =>
            catalog.Find(name) is { } resource
                ? WireJson.Ok(resource)
                : GatewayError.Result(GrpcCode.NotFound, $"resource \"{name}\" not found"));
    }
}
