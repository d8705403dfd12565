using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace S3M.Emulator.Tests.Support;

/// <summary>An answer read whole: status, headers and the body as text and JSON.</summary>
public sealed record Answer(HttpStatusCode Status, HttpResponseMessage Response, string Text)
{
    public JsonElement Json => JsonDocument.Parse(Text).RootElement;
}

/// <summary>Calls the tests make: S3M requests with a raw Authorization header, and the control endpoints.</summary>
public static class Calls
{
    public static async Task<Answer> SendAsync(
        this HttpClient http, HttpMethod method, string path, string? token = null, string? body = null, string? userAgent = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }

        if (userAgent is not null)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var response = await http.SendAsync(request);
        return new Answer(response.StatusCode, response, await response.Content.ReadAsStringAsync());
    }

    public static Task<Answer> FetchAsync(this HttpClient http, string path, string? token = null) =>
        http.SendAsync(HttpMethod.Get, path, token);

    public static Task<Answer> IntrospectAsync(this HttpClient http, string? token, bool grpcPermissions = false) =>
        http.FetchAsync("/olcf/v1/token/ctls/introspect" + (grpcPermissions ? "?grpcPermissions=true" : ""), token);

    public static Task<Answer> ControlAsync(this HttpClient http, HttpMethod method, string path, object? body = null) =>
        http.SendAsync(method, "/_emulator/" + path, body: body is null ? null : JsonSerializer.Serialize(body));

    public static async Task ResetAsync(this HttpClient http) =>
        Assert.Equal(HttpStatusCode.NoContent, (await http.ControlAsync(HttpMethod.Post, "reset")).Status);

    /// <summary>Sets the forms the answers take (<c>POST /_emulator/dialect</c>) and returns the settings in force.</summary>
    public static async Task<JsonElement> SetDialectAsync(this HttpClient http, object dialect)
    {
        var answer = await http.ControlAsync(HttpMethod.Post, "dialect", dialect);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
        return answer.Json;
    }

    public static async Task<DateTimeOffset> AdvanceClockAsync(this HttpClient http, TimeSpan by)
    {
        var answer = await http.ControlAsync(HttpMethod.Post, "clock", new { advanceSeconds = (long)by.TotalSeconds });
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Json.GetProperty("now").GetDateTimeOffset();
    }

    public static async Task ArmFaultAsync(this HttpClient http, object fault)
    {
        var answer = await http.ControlAsync(HttpMethod.Post, "faults", fault);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
    }

    public static async Task<JsonElement[]> LoggedRequestsAsync(this HttpClient http)
    {
        var answer = await http.ControlAsync(HttpMethod.Get, "requests");
        return [.. answer.Json.GetProperty("requests").EnumerateArray()];
    }

    /// <summary>Asserts the gateway's error body with the gRPC code, and returns its message.</summary>
    public static string AssertGrpcError(this Answer answer, HttpStatusCode status, int code)
    {
        Assert.Equal(status, answer.Status);
        var json = answer.Json;
        Assert.Equal(code, json.GetProperty("code").GetInt32());
        var detail = Assert.Single(json.GetProperty("details").EnumerateArray());
        Assert.Equal("type.googleapis.com/s3m.ErrorInfo", detail.GetProperty("@type").GetString());
        Assert.False(string.IsNullOrEmpty(detail.GetProperty("publicMessage").GetString()));
        return json.GetProperty("message").GetString()!;
    }

    public static bool Has(this JsonElement element, string property) => element.TryGetProperty(property, out _);

    /// <summary>A list field; absent is empty, as the gateway leaves empty lists out.</summary>
    public static JsonElement[] List(this JsonElement element, string property) =>
        element.TryGetProperty(property, out var list) ? [.. list.EnumerateArray()] : [];
}
