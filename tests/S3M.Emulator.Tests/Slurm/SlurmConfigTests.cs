using System.Net;
using S3M.Emulator.Tests.Support;

namespace S3M.Emulator.Tests.Slurm;

/// <summary>The <c>slurm</c> and <c>scheduler</c> sections of a configuration file.</summary>
public sealed class SlurmConfigTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("s3m-emulator-slurm-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public async Task ConfigurationNamesTheClustersAndThePace()
    {
        var config = Path.Combine(scratch, "config.json");
        await File.WriteAllTextAsync(config, """
            {
              "slurm": [ { "resource": "andes", "versions": ["v0.0.43"], "nodes": 4, "cpusPerNode": 32, "nodePrefix": "andes-n" } ],
              "scheduler": { "pendingSeconds": 0, "defaultRunSeconds": 5 }
            }
            """);
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { ConfigFile = config });
        using var http = emulator.NewHttpClient();
        var token = emulator.MintToken("stf042", ["compute-ace"]).Token;

        var odo = await http.FetchAsync(SlurmCalls.Path("v0.0.44", "odo", "ping"), token);
        var partitions = (await http.FetchAsync(SlurmCalls.Path("v0.0.43", "andes", "partitions"), token)).Json.GetProperty("partitions");
        var id = await http.SubmitOkAsync(token, "v0.0.43", "andes", SlurmCalls.Job("#!/bin/sh\necho quick\n"));
        var running = await http.AccountingJobAsync(token, "v0.0.43", "andes", id);
        await http.AdvanceClockAsync(TimeSpan.FromSeconds(5 + 1));
        var done = await http.AccountingJobAsync(token, "v0.0.43", "andes", id);

        odo.AssertGrpcError(HttpStatusCode.NotFound, 5);
        Assert.Equal("andes-n[01-04]", partitions[0].GetProperty("nodes").GetProperty("configured").GetString());
        Assert.Equal("RUNNING", running.State());
        Assert.Equal("andes-n01", running.GetProperty("nodes").GetString());
        Assert.Equal("COMPLETED", done.State());
    }

    [Theory]
    [InlineData("""{ "slurm": [ { "resource": "andes", "versions": ["v0.0.41"] } ] }""", "v0.0.41")]
    [InlineData("""{ "slurm": [ { "resource": "andes", "versions": [] } ] }""", "andes")]
    [InlineData("""{ "slurm": [ { "resource": "andes", "versions": ["v0.0.43"], "nodes": 1 } ] }""", "nodes")]
    [InlineData("""{ "slurm": [ { "resource": "andes", "versions": ["v0.0.43"], "gpus": 4 } ] }""", "gpus")]
    [InlineData("""{ "slurm": [ { "resource": "a", "versions": ["v0.0.43"] }, { "resource": "a", "versions": ["v0.0.44"] } ] }""", "twice")]
    [InlineData("""{ "scheduler": { "pendingSeconds": -1 } }""", "pendingSeconds")]
    public async Task BadSlurmConfigurationFailsTheStart(string json, string expected)
    {
        var config = Path.Combine(scratch, "bad.json");
        await File.WriteAllTextAsync(config, json);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => EmulatorHost.StartAsync(new EmulatorOptions { ConfigFile = config }));

        Assert.Contains(expected, error.Message);
    }
}
