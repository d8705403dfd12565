using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace S3M.Emulator.Gateway;

/// <summary>
/// The gateway's error body, <c>{"code","message","details":[{"@type","publicMessage"}]}</c>,
/// sent with the HTTP status grpc-gateway maps from the code.
/// </summary>
internal static class GatewayError
{
    public static IResult Result(GrpcCode code, string message, string? publicMessage = null) =>
        Results.Json(Body(code, message, publicMessage), WireJson.Options, statusCode: GrpcCodes.HttpStatusOf(code));

    /// <summary>The body the gateway would send with an HTTP status, for faults and routing errors.</summary>
    public static string JsonForStatus(int status, string message) =>
        JsonSerializer.Serialize(Body(GrpcCodes.FromHttpStatus(status), message, null), WireJson.Options);

    /// <summary>Gives ASP.NET's empty error answers (unknown route, wrong method, unbindable query) the gateway's body.</summary>
    public static Task WriteStatusCodePage(StatusCodeContext context)
    {
        var response = context.HttpContext.Response;
        response.ContentType = "application/json";
        return response.WriteAsync(JsonForStatus(response.StatusCode, ReasonPhrases.GetReasonPhrase(response.StatusCode)));
    }

    private static ErrorBody Body(GrpcCode code, string message, string? publicMessage) =>
        new((int)code, message, [new ErrorDetail(publicMessage ?? message)]);

    private sealed record ErrorBody(int Code, string Message, IReadOnlyList<ErrorDetail> Details);

    private sealed record ErrorDetail(string PublicMessage)
    {
        [JsonPropertyName("@type")]
        [JsonPropertyOrder(-1)]
        public string Type => "type.googleapis.com/s3m.ErrorInfo";
    }
}
