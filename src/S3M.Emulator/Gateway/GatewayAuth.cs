using Microsoft.Extensions.Primitives;
using S3M.Emulator.Tokens;

namespace S3M.Emulator.Gateway;

/// <summary>A refusal, as the gateway words it.</summary>
internal sealed record AuthFailure(GrpcCode Code, string Message, string PublicMessage);

/// <summary>
/// The gateway's token check, shared by every S3M path except status: the raw token in
/// <c>Authorization</c> (no <c>Bearer</c>), valid, unexpired, unrevoked, holding the scope.
/// </summary>
internal static class GatewayAuth
{
    private static readonly object TokenKey = new();

    /// <summary>Lets only requests with a valid token, and the scope when one is named, reach the endpoint.</summary>
    public static TBuilder RequireToken<TBuilder>(this TBuilder builder, ScopeRequirement? scope = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var tokens = http.RequestServices.GetRequiredService<TokenService>();
            var failure = Check(tokens, http.Request.Headers.Authorization, scope, out var token);
            if (failure is not null)
            {
                return GatewayError.Result(failure.Code, failure.Message, failure.PublicMessage);
            }

            http.Items[TokenKey] = token;
            return await next(context);
        });

    /// <summary>The token that passed <see cref="RequireToken"/> for this request.</summary>
    public static TokenRecord TokenOf(HttpContext http) => (TokenRecord)http.Items[TokenKey]!;

    /// <summary>The token, when the path's <c>{enclave}</c> is its own; else null and a 403, as Slurm and streaming paths refuse it.</summary>
    public static TokenRecord? TokenInPathEnclave(HttpContext http, out IResult? refusal)
    {
        refusal = null;
        var token = TokenOf(http);
        // A path without an enclave (the short form) means the token's own.
        var enclave = http.Request.RouteValues["enclave"] as string ?? token.Enclave;
        if (enclave != token.Enclave)
        {
            refusal = GatewayError.Result(GrpcCode.PermissionDenied,
                $"permission denied: the token is for the '{token.Enclave}' enclave, not '{enclave}'");
            return null;
        }

        return token;
    }

    public static AuthFailure? Check(TokenService tokens, StringValues authorization, ScopeRequirement? scope, out TokenRecord? token)
    {
        token = null;
        if (StringValues.IsNullOrEmpty(authorization))
        {
            return Unauthenticated("authorization token is missing");
        }

        if (!tokens.TryValidate(authorization.Count == 1 ? authorization[0] : null, out var valid, out var problem))
        {
            return Unauthenticated(problem);
        }

        if (scope is not null && !scope.IsMetBy(valid.Scopes))
        {
            return new AuthFailure(GrpcCode.PermissionDenied, scope.DeniedMessage, scope.DeniedMessage);
        }

        token = valid;
        return null;
    }

    private static AuthFailure Unauthenticated(string problem) =>
        new(GrpcCode.Unauthenticated, $"unauthenticated: {problem}",
            "Send a valid OLCF project access token in the Authorization header, without a Bearer prefix.");
}
