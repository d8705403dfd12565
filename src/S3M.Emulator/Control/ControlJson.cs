using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using S3M.Emulator.Gateway;

namespace S3M.Emulator.Control;

/// <summary>
/// JSON of the control endpoints: plain web JSON (nulls written), not the gateway's dialect, and
/// strict on input so a misspelt field in a test fails loudly instead of being ignored.
/// </summary>
internal static class ControlJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // Quotes as \" rather than \u0022, so test failures read plainly.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        RespectNullableAnnotations = true,
        Converters = { new Rfc3339Converter() },
    };

    public static IResult Ok<T>(T value) => Results.Json(value, Options);

    public static IResult BadRequest(string error) => Results.Json(new { error }, Options, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>Reads and checks the body, then hands it on; a body that is not a valid <typeparamref name="T"/> gets a 400 saying why.</summary>
    public static async Task<IResult> HandleAsync<T>(HttpRequest request, Func<T, IResult> handle)
        where T : class, IControlRequest
    {
        T? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, request.HttpContext.RequestAborted);
        }
        catch (JsonException e)
        {
            return BadRequest(e.Message);
        }

        return body is null ? BadRequest("the body must be a JSON object")
            : body.Problem() is { } problem ? BadRequest(problem)
            : handle(body);
    }
}

/// <summary>A control request body that can say what is wrong with it.</summary>
internal interface IControlRequest
{
    /// <summary>Why the request cannot be carried out, or null when it can.</summary>
    string? Problem();
}
