using System.Net.Http.Json;
using System.Security;
using System.Text.Json;
using S3M.Emulator;
using S3M.Transport;

namespace S3M.Client.Tests;

/// <summary>One in-process emulator per test class, on 127.0.0.1 with a port it picked.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private HttpClient _control = null!;
    private RunningEmulator? _emulator;

    public RunningEmulator Emulator => _emulator!;
    public Uri BaseUri => Emulator.BaseUri;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorHost.StartAsync(new EmulatorOptions());
        _control = ControlClient(_emulator);
    }

    public async Task DisposeAsync()
    {
        _control?.Dispose();
        if (_emulator != null)
        {
            await _emulator.DisposeAsync();
        }
    }

    /// <summary>An HttpClient for the control endpoints of <paramref name="emulator"/>: it sends the emulator's key on every call.</summary>
    public static HttpClient ControlClient(RunningEmulator emulator, TimeSpan? timeout = null)
    {
        var control = new HttpClient { BaseAddress = emulator.BaseUri, Timeout = timeout ?? TimeSpan.FromSeconds(100) };
        control.DefaultRequestHeaders.Add(RunningEmulator.ControlKeyHeader, emulator.ControlKey);
        return control;
    }

    public (S3mClient Client, MintedToken Token) Connect(string project = "stf042", string[]? scopes = null, TimeSpan? lifetime = null,
        int retries = 3, TimeSpan? timeout = null, TimeSpan[]? submissionLookupTimes = null)
    {
        var minted = Emulator.MintToken(project, scopes ?? new[] { "compute-ace", "data-streaming" }, lifetime: lifetime ?? TimeSpan.FromDays(1));
        return (NewClient(Secure(minted.Token), retries, timeout, submissionLookupTimes: submissionLookupTimes), minted);
    }

    public S3mClient NewClient(SecureString? token, int retries = 3, TimeSpan? timeout = null, Uri? baseUri = null, long? maximumResponseSize = null,
        TimeSpan[]? submissionLookupTimes = null) =>
        new(new S3mClientOptions
        {
            SubmissionLookupTimes = submissionLookupTimes ?? new S3mClientOptions().SubmissionLookupTimes,
            BaseUri = baseUri ?? BaseUri,
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
            Retry = new RetryOptions { MaximumRetryCount = retries, InitialDelay = TimeSpan.FromMilliseconds(20), MaximumDelay = TimeSpan.FromSeconds(3) },
            MaximumResponseSize = maximumResponseSize ?? S3mClientOptions.DefaultMaximumResponseSize,
        }, token);

    public static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }

    public async Task AddFault(object fault) =>
        (await _control.PostAsJsonAsync("/_emulator/faults", fault)).EnsureSuccessStatusCode();

    public async Task Reset() => (await _control.PostAsync("/_emulator/reset", null)).EnsureSuccessStatusCode();

    public async Task<JsonElement[]> Requests()
    {
        var log = await _control.GetFromJsonAsync<JsonElement>("/_emulator/requests");
        return log.GetProperty("requests").EnumerateArray().ToArray();
    }

    /// <summary>The most S3M requests the emulator held at once since its log was last cleared.</summary>
    public async Task<int> MaxInFlight() =>
        (await _control.GetFromJsonAsync<JsonElement>("/_emulator/requests")).GetProperty("maxInFlight").GetInt32();

    /// <summary>Holds every S3M request this long before answering (<c>POST /_emulator/latency</c>).</summary>
    public async Task SetLatency(int milliseconds) =>
        (await _control.PostAsJsonAsync("/_emulator/latency", new { milliseconds })).EnsureSuccessStatusCode();

    /// <summary>How Slurm's refusals travel: "status" (slurmrestd's 404 or 500, the default) or "ok" (HTTP 200).</summary>
    public async Task SetSlurmRefusals(string refusals) =>
        (await _control.PostAsJsonAsync("/_emulator/slurm", new { refusals })).EnsureSuccessStatusCode();

    /// <summary>Makes the cluster's deletes answer 200 without success: "omitted" ({}), "false" ({"success":false}); "" lets them work.</summary>
    public async Task RefuseDelete(string engine, string name, string refusal) =>
        (await _control.PostAsJsonAsync($"/_emulator/streaming/{engine}/{name}/delete-refusal", new { refusal })).EnsureSuccessStatusCode();

    /// <summary>Sets the forms the emulator's answers take (<c>POST /_emulator/dialect</c>): zeroFields, ping, accountingJob.</summary>
    public async Task SetDialect(object dialect) =>
        (await _control.PostAsJsonAsync("/_emulator/dialect", dialect)).EnsureSuccessStatusCode();

    public async Task SetScheduler(object pace) =>
        (await _control.PostAsJsonAsync("/_emulator/scheduler", pace)).EnsureSuccessStatusCode();

    /// <summary>How long a new streaming cluster takes to become ready (<c>POST /_emulator/streaming</c>).</summary>
    public async Task SetStreamingReadySeconds(double seconds) =>
        (await _control.PostAsJsonAsync("/_emulator/streaming", new { readySeconds = seconds })).EnsureSuccessStatusCode();

    /// <summary>Replaces the status page's downtimes: objects of resourceName, start, end (relative to the emulator's clock: "+2h"), description.</summary>
    public async Task SetDowntimes(params object[] downtimes) =>
        (await _control.PostAsJsonAsync("/_emulator/downtimes", new { downtimes })).EnsureSuccessStatusCode();

    public async Task AdvanceClock(TimeSpan by) =>
        (await _control.PostAsJsonAsync("/_emulator/clock", new { advanceSeconds = (long)by.TotalSeconds })).EnsureSuccessStatusCode();
}
