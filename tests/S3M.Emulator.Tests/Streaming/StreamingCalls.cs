using System.Net;
using System.Text.Json;
using S3M.Emulator.Tests.Support;

namespace S3M.Emulator.Tests.Streaming;

/// <summary>Streaming requests and the streaming control endpoints, as the tests make them.</summary>
public static class StreamingCalls
{
    public const string Base = "/olcf/open/v1alpha/streaming";

    public static Task<Answer> ProvisionAsync(this HttpClient http, string token, string engine, string body) =>
        http.SendAsync(HttpMethod.Post, $"{Base}/{engine}/provision_cluster", token, body);

    public static Task<Answer> ProvisionAsync(this HttpClient http, string token, string engine, string name, string kind = "general") =>
        http.ProvisionAsync(token, engine, JsonSerializer.Serialize(new { kind, name }));

    /// <summary>Provisions and asserts it worked; returns the provision answer.</summary>
    public static async Task<JsonElement> ProvisionOkAsync(this HttpClient http, string token, string engine, string name, string kind = "general")
    {
        var answer = await http.ProvisionAsync(token, engine, name, kind);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
        return answer.Json;
    }

    public static Task<Answer> ClusterAsync(this HttpClient http, string token, string engine, string name) =>
        http.FetchAsync($"{Base}/{engine}/cluster/{name}", token);

    public static Task<Answer> ListClustersAsync(this HttpClient http, string token, string engine) =>
        http.FetchAsync($"{Base}/{engine}/list_clusters", token);

    public static Task<Answer> ExtendAsync(this HttpClient http, string token, string engine, string name) =>
        http.SendAsync(HttpMethod.Post, $"{Base}/{engine}/extend/{name}", token);

    public static Task<Answer> DeleteClusterAsync(this HttpClient http, string token, string engine, string name) =>
        http.SendAsync(HttpMethod.Delete, $"{Base}/{engine}/cluster/{name}", token);

    /// <summary>The sync and health words of a cluster that exists.</summary>
    public static async Task<(string Sync, string Health)> StatusAsync(this HttpClient http, string token, string engine, string name)
    {
        var answer = await http.ClusterAsync(token, engine, name);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
        var cluster = answer.Json.GetProperty("cluster");
        return (cluster.GetProperty("syncStatus").GetString()!, cluster.GetProperty("healthStatus").GetString()!);
    }

    public static async Task SetReadySecondsAsync(this HttpClient http, double seconds)
    {
        var answer = await http.ControlAsync(HttpMethod.Post, "streaming", new { readySeconds = seconds });
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
    }

    public static async Task<JsonElement> StreamingStateAsync(this HttpClient http)
    {
        var answer = await http.ControlAsync(HttpMethod.Get, "streaming");
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
        return answer.Json;
    }

    public static Task<Answer> ForceHealthAsync(this HttpClient http, string engine, string name, object body) =>
        http.ControlAsync(HttpMethod.Post, $"streaming/{engine}/{name}/health", body);

    public static Task<Answer> RefuseDeleteAsync(this HttpClient http, string engine, string name, object body) =>
        http.ControlAsync(HttpMethod.Post, $"streaming/{engine}/{name}/delete-refusal", body);
}
