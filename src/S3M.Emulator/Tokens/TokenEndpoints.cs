using S3M.Emulator.Gateway;

namespace S3M.Emulator.Tokens;

/// <summary>Token control: any valid token may introspect or revoke itself.</summary>
internal static class TokenEndpoints
{
    public static void MapTokens(this IEndpointRouteBuilder app)
    {
        var tokens = app.MapGroup("/olcf/v1/token/ctls").RequireToken();

        tokens.MapGet("/introspect", (HttpContext http, bool grpcPermissions = false) =>
            WireJson.Ok(new IntrospectAnswer(IntrospectedToken.Describe(GatewayAuth.TokenOf(http), grpcPermissions))));

        tokens.MapDelete("/revoke", (HttpContext http) =>
        {
            GatewayAuth.TokenOf(http).Revoke();
            return WireJson.Ok(new RevokeAnswer());
        });
    }

    /// <summary>Revoke answers an empty message: <c>{}</c>.</summary>
    private sealed record RevokeAnswer;
}
