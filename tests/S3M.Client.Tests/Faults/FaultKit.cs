using System.Diagnostics;
using System.Net.Http.Json;
using S3M.Transport;

namespace S3M.Client.Tests.Faults;

/// <summary>
/// What every fault test shares: a hard bound on each call (a hang fails the test instead of the
/// run), and the one check every failure must pass: a single S3mException that names the request.
/// </summary>
internal static class FaultKit
{
    /// <summary>The client's timeout in these tests: short enough that nothing waits long, generous for a shared machine.</summary>
    public static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(10);

    /// <summary>No call in these tests may take longer than this, retries and all; far above what any should need.</summary>
    public static readonly TimeSpan HardLimit = TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="call"/>, failing the test if it has not ended within <see cref="HardLimit"/>; returns its result and time.</summary>
    public static async Task<(T Result, TimeSpan Elapsed)> Timed<T>(Func<Task<T>> call)
    {
        var watch = Stopwatch.StartNew();
        var result = await call().WaitAsync(HardLimit);
        return (result, watch.Elapsed);
    }

    /// <summary>Runs <paramref name="call"/> expecting one S3mException, within <see cref="HardLimit"/>.</summary>
    public static async Task<(S3mException Error, TimeSpan Elapsed)> Fails(Func<Task> call)
    {
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<S3mException>(() => call().WaitAsync(HardLimit));
        return (error, watch.Elapsed);
    }

    /// <summary>
    /// The error is one clear S3M error: the stable kind, the request as method and path, the
    /// status when there was one, in the message itself; never a bare .NET exception text.
    /// </summary>
    public static void AssertClear(S3mException e, S3mErrorKind kind, string method, string path, int? status)
    {
        Assert.Equal(kind, e.Kind);
        Assert.Equal("S3M." + kind, e.ErrorId);
        Assert.Equal(method, e.Method);
        Assert.Equal(path, e.Path);
        Assert.Contains($"{method} {path}", e.Message);
        if (status.HasValue)
        {
            Assert.Contains(status.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
        }

        for (var inner = e.InnerException; inner != null; inner = inner.InnerException)
        {
            Assert.NotEqual(inner.Message, e.Message);
        }

        Assert.DoesNotContain("System.", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    /// <summary>A submit body for a job named <paramref name="name"/> that sleeps <paramref name="sleep"/> seconds.</summary>
    public static S3M.SlurmJobDescription Job(string name = "once", int sleep = 30) =>
        S3M.Slurm.SbatchScript.Parse($"#!/bin/bash\n#SBATCH --job-name={name}\n#SBATCH --time=10\nsleep {sleep}\n", false, "Script");

    /// <summary>A submit body for a job named <paramref name="name"/> that sleeps <paramref name="sleep"/> seconds.</summary>
    public static string SubmitBody(string name = "once", string version = "v0.0.43", int sleep = 30) =>
        Job(name, sleep).ToSubmitJson(version, S3M.Slurm.SubmitForm.Job);

    /// <summary>Submits that job through the client's plan, as Submit-S3mSlurmJob does.</summary>
    public static Task<SlurmSubmission> Submit(S3mClient client, string resource, string version, string name = "once", int sleep = 30,
        CancellationToken cancellationToken = default) =>
        client.Slurm.SubmitAsync(client.Slurm.PlanSubmission(resource, Job(name, sleep), version), cancellationToken);

    /// <summary>The logged requests with this method and path.</summary>
    public static async Task<int> CountLogged(this EmulatorFixture emu, string method, string path) =>
        (await emu.Requests()).Count(r => r.GetProperty("method").GetString() == method && r.GetProperty("path").GetString() == path);
}
