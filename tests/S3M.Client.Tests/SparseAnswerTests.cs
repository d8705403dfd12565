using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Security;
using System.Text.Json;
using S3M.Streaming;

namespace S3M.Client.Tests;

/// <summary>
/// Every answer the client reads, in both forms the contract allows: the gateway's sparse one
/// (protojson leaves out zero fields, the emulator's default) and the full one (zero fields written).
/// The client must read them to the same objects: a missing count is 0, a missing list empty, a
/// missing status UNSPECIFIED, a missing time null.
/// </summary>
public class SparseAnswerTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    /// <summary>Properties computed from "now" on the client's side: they move between two reads.</summary>
    private static readonly string[] Moving = { "Raw", "RetrievedAt", "Elapsed", "ExpiresAt", "Remaining", "RequestTime" };

    private readonly EmulatorFixture _emu;

    public SparseAnswerTests(EmulatorFixture emu) { _emu = emu; }

    public Task InitializeAsync() => _emu.Reset();
    public Task DisposeAsync() => _emu.Reset();

    [Fact]
    public async Task The_sparse_and_the_full_form_read_to_the_same_objects()
    {
        var (client, _) = _emu.Connect();
        await _emu.SetScheduler(new { pendingSeconds = 2, defaultRunSeconds = 3, completingSeconds = 1 });
        var ids = new List<long>();
        foreach (var script in new[] { "sleep 1", "exit 4", "sleep 600", "sleep 600" })
        {
            var body = "{\"job\":{\"name\":\"sparse\",\"environment\":[\"PATH=/bin\"],\"time_limit\":{\"set\":true,\"number\":30},\"script\":\"#!/bin/bash\\n" + script + "\\n\"}}";
            var submitted = await client.Slurm.InvokeAsync("odo", "v0.0.43", "POST", "/job/submit", null, body, default);
            ids.Add(Convert.ToInt64(((System.Collections.Specialized.OrderedDictionary)submitted.Value!)["job_id"], CultureInfo.InvariantCulture));
        }
        await _emu.AdvanceClock(TimeSpan.FromSeconds(10));
        await client.Slurm.CancelAsync("odo", "v0.0.43", ids[2], null, default);
        await _emu.AdvanceClock(TimeSpan.FromSeconds(5));
        // Completed, failed, cancelled; the last one stays RUNNING, and a new one PENDING while both forms are read.
        await _emu.SetScheduler(new { pendingSeconds = 600 });
        await client.Slurm.InvokeAsync("odo", "v0.0.43", "POST", "/job/submit", null,
            "{\"job\":{\"environment\":[\"PATH=/bin\"],\"script\":\"#!/bin/bash\\n\"}}", default);
        // Ready at once, so its sync and health words do not change between the two reads.
        await _emu.SetStreamingReadySeconds(0);
        await client.Streaming.ProvisionAsync(Provision("sparse01"), default);

        var sparse = await Read(client, ids);
        await _emu.SetDialect(new { zeroFields = "write" });
        var full = await Read(client, ids);

        Assert.Equal(sparse.Text, full.Text);
        // The comparison means something only if the two forms differed on the wire.
        Assert.False(sparse.Token.Raw.GetProperty("token").TryGetProperty("extensions", out _));
        Assert.Equal("0", full.Token.Raw.GetProperty("token").GetProperty("extensions").GetString());
        Assert.False(sparse.Orion.Raw.TryGetProperty("status", out _));
        Assert.Equal("UNSPECIFIED", full.Orion.Raw.GetProperty("status").GetString());
        Assert.Equal("UNSPECIFIED", sparse.Orion.Status);
        Assert.Equal(0, sparse.Token.Extensions);
    }

    [Fact]
    public async Task A_backend_without_bounds_reads_them_as_zero_and_a_zero_maximum_bounds_nothing()
    {
        var backend = StreamingBackend.Read(JsonDocument.Parse("""
            {"engine":"rabbitmq","kind":"general","resourceOptions":[{"key":"cpus","description":"CPUs"}],"featureFlags":[{"key":"management-ui"}]}
            """).RootElement.Clone());
        var option = Assert.Single(backend.ResourceOptions);
        Assert.Equal(0, option.Min);
        Assert.Equal(0, option.Max);
        Assert.Equal(0, option.Default);
        Assert.False(Assert.Single(backend.FeatureFlags).Default);

        var request = Provision("bounds01");
        request.SetResourceSetting("cpus", 64, "Cpus");
        Assert.Same(backend, request.Check(new[] { backend }));
    }

    private static ProvisionRequest Provision(string name) => new() { Engine = StreamingEngine.RabbitMQ, Name = name, Kind = "general" };

    private sealed record Snapshot(string Text, TokenInfo Token, ResourceStatus Orion);

    /// <summary>Everything the client reads, as text: every public property but the ones that move.</summary>
    private static async Task<Snapshot> Read(S3mClient client, IReadOnlyList<long> ids)
    {
        var token = await client.Tokens.IntrospectAsync(true, default);
        var resources = await client.Status.GetResourcesAsync(default);
        var objects = new List<object?>
        {
            token,
            resources,
            await client.Status.GetResourceAsync("orion", default),
            await client.Status.GetDowntimesAsync(false, default),
            await client.Status.GetDowntimesAsync(true, default),
            await client.Streaming.GetBackendsAsync(default),
            await client.Streaming.GetClustersAsync(StreamingEngine.RabbitMQ, default),
            await client.Streaming.GetClusterAsync(StreamingEngine.RabbitMQ, "sparse01", default),
        };
        foreach (var (resource, version) in new[] { ("wombat", "v0.0.42"), ("odo", "v0.0.43"), ("odo", "v0.0.44") })
        {
            objects.Add((await client.Slurm.PingAsync(resource, version, default)).Value);
            objects.Add((await client.Slurm.GetPartitionsAsync(resource, version, default)).Value);
            objects.Add((await client.Slurm.GetNodesAsync(resource, version, default)).Value);
            objects.Add((await client.Slurm.GetReservationsAsync(resource, version, default)).Value);
            objects.Add((await client.Slurm.GetDiagnosticsAsync(resource, version, default)).Value);
            objects.Add((await client.Slurm.GetJobsAsync(resource, version, default)).Value);
            foreach (var id in resource == "odo" ? ids : Array.Empty<long>())
            {
                objects.Add((await client.Slurm.GetJobAsync(resource, version, id, default)).Value);
            }
        }

        return new Snapshot(string.Join("\n", objects.Select(Describe)), token, resources.Single(r => r.Name == "orion"));
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string text => text,
        SecureString => "(secret)",
        IDictionary map => "{" + string.Join(", ", map.Keys.Cast<object>().Select(k => $"{k}={Describe(map[k])}").OrderBy(x => x, StringComparer.Ordinal)) + "}",
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Describe)) + "]",
        _ when value.GetType().Assembly == typeof(S3mClient).Assembly && value.GetType().IsClass =>
            value.GetType().Name + "{" + string.Join(", ", value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => !Moving.Contains(p.Name))
                .Select(p => $"{p.Name}={Describe(p.GetValue(value))}")) + "}",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
