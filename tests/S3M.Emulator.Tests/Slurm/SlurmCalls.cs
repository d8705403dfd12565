using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using S3M.Emulator.Tests.Support;

namespace S3M.Emulator.Tests.Slurm;

/// <summary>Slurm requests the tests make, and the job bodies they send.</summary>
public static class SlurmCalls
{
    public const string Prefix = "/olcf/v1/slurm";

    public const string OtherPrefix = "/slurm";

    /// <summary>A script that runs three seconds and succeeds.</summary>
    public const string Hello = "#!/bin/bash\n#SBATCH -J hello\nsleep 3\necho hello\n";

    public static string Path(string version, string resource, string tail, string prefix = Prefix, string enclave = "open") =>
        $"{prefix}/{enclave}/{version}/{resource}/{tail}";

    /// <summary>A job the gateway and Slurm both accept: a name, a script and an environment.</summary>
    public static JsonObject Job(string script = Hello) =>
        new() { ["name"] = "hello", ["script"] = script, ["environment"] = new JsonArray("PATH=/bin:/usr/bin") };

    public static JsonObject With(this JsonObject job, string field, JsonNode? value)
    {
        job[field] = value;
        return job;
    }

    public static JsonObject Without(this JsonObject job, string field)
    {
        job.Remove(field);
        return job;
    }

    public static JsonObject Wrapped(JsonNode number) => new() { ["set"] = true, ["infinite"] = false, ["number"] = number };

    /// <summary>The <c>{"job":{...}}</c> form every version takes.</summary>
    public static string JobForm(JsonObject job) => new JsonObject { ["job"] = job }.ToJsonString();

    /// <summary>The v0.0.44 <c>{"script":"...","jobs":[{...}]}</c> form: the script moves to the top.</summary>
    public static string JobsForm(JsonObject job)
    {
        var script = job["script"]!.GetValue<string>();
        job.Remove("script");
        return new JsonObject { ["script"] = script, ["jobs"] = new JsonArray(job) }.ToJsonString();
    }

    public static Task<Answer> SubmitAsync(this HttpClient http, string token, string version, string resource, string body) =>
        http.SendAsync(HttpMethod.Post, Path(version, resource, "job/submit"), token, body);

    /// <summary>Submits a job that must be accepted, and returns its ID.</summary>
    public static async Task<int> SubmitOkAsync(this HttpClient http, string token, string version, string resource, JsonObject? job = null)
    {
        var answer = await http.SubmitAsync(token, version, resource, JobForm(job ?? Job()));
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
        Assert.Empty(answer.Json.List("errors"));
        return answer.Json.GetProperty("job_id").GetInt32();
    }

    /// <summary>One job in the accounting shape (<c>GET /job/{id}</c>).</summary>
    public static async Task<JsonElement> AccountingJobAsync(this HttpClient http, string token, string version, string resource, int id)
    {
        var answer = await http.FetchAsync(Path(version, resource, $"job/{id}"), token);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
        return Assert.Single(answer.Json.GetProperty("jobs").EnumerateArray());
    }

    /// <summary>The project's jobs in the controller shape (<c>GET /jobs</c>); an absent list is empty.</summary>
    public static async Task<JsonElement[]> ControllerJobsAsync(this HttpClient http, string token, string version, string resource)
    {
        var answer = await http.FetchAsync(Path(version, resource, "jobs"), token);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
        return answer.Json.TryGetProperty("jobs", out var jobs) ? [.. jobs.EnumerateArray()] : [];
    }

    public static async Task<JsonElement> ControllerJobAsync(this HttpClient http, string token, string version, string resource, int id) =>
        Assert.Single(await http.ControllerJobsAsync(token, version, resource), j => j.GetProperty("job_id").GetInt32() == id);

    public static Task<Answer> CancelAsync(this HttpClient http, string token, string version, string resource, int id, string query = "") =>
        http.SendAsync(HttpMethod.Delete, Path(version, resource, $"job/{id}") + query, token);

    /// <summary>An accounting job's state words joined with "+": "COMPLETED", "RUNNING+COMPLETING".</summary>
    public static string State(this JsonElement accountingJob) =>
        string.Join("+", accountingJob.GetProperty("state").GetProperty("current").EnumerateArray().Select(w => w.GetString()));

    /// <summary>A controller job's <c>job_state</c> words joined with "+".</summary>
    public static string JobState(this JsonElement controllerJob) =>
        string.Join("+", controllerJob.GetProperty("job_state").EnumerateArray().Select(w => w.GetString()));

    /// <summary>A wrapper's number: absent means zero when <c>set</c>; 64-bit ones arrive as strings.</summary>
    public static long? Number(this JsonElement wrapper)
    {
        if (!wrapper.TryGetProperty("set", out var set) || !set.GetBoolean())
        {
            return null;
        }

        if (!wrapper.TryGetProperty("number", out var number))
        {
            return 0;
        }

        return number.ValueKind == JsonValueKind.String ? long.Parse(number.GetString()!) : number.GetInt64();
    }

    /// <summary>A plain 64-bit field: a string, or absent for zero.</summary>
    public static long Int64(this JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return 0;
        }

        Assert.Equal(JsonValueKind.String, value.ValueKind);
        return long.Parse(value.GetString()!);
    }

    public static JsonElement[] Errors(this Answer answer) => answer.Json.List("errors");

    /// <summary>How Slurm's refusals travel: "status" (slurmrestd's 404 or 500) or "ok" (200).</summary>
    public static async Task SetSlurmRefusalsAsync(this HttpClient http, string refusals)
    {
        var answer = await http.ControlAsync(HttpMethod.Post, "slurm", new { refusals });
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
    }

    public static async Task SetSchedulerAsync(this HttpClient http, object pace)
    {
        var answer = await http.ControlAsync(HttpMethod.Post, "scheduler", pace);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
    }
}
