using System.Net;
using S3M.Emulator.Tests.Support;

namespace S3M.Emulator.Tests;

/// <summary>Starting and stopping: token folders, configuration files, the command line.</summary>
public sealed class HostTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("s3m-emulator-tests-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public async Task ATokenFolderItMadeIsDeletedOnStopAndAGivenOneIsKept()
    {
        var given = Path.Combine(scratch, "tokens");
        string made;
        await using (var emulator = await EmulatorHost.StartAsync(new EmulatorOptions()))
        {
            made = emulator.TokenDirectory;
            Assert.True(File.Exists(Path.Combine(made, "stf042-full.token")));
        }

        await using (var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { TokenDirectory = given }))
        {
            Assert.Equal(given, emulator.TokenDirectory);
        }

        Assert.False(Directory.Exists(made));
        Assert.True(File.Exists(Path.Combine(given, "stf042-full.token")));
    }

    [Fact]
    public async Task ConfigurationReplacesTheListsItNames()
    {
        var config = Path.Combine(scratch, "config.json");
        await File.WriteAllTextAsync(config, """
            {
              "resources": [ { "name": "andes", "systemType": "compute", "status": "OPERATIONAL", "downtimeScheduleAvailable": true } ],
              "downtimes": [ { "resourceName": "andes", "start": "+1h", "end": "2099-01-01T00:00:00Z", "attributes": { "scheduled": true } } ],
              "tokens": [ { "file": "mine.token", "project": "abc123", "scopes": ["compute-ace"], "expiresIn": "1d12h" } ]
            }
            """);

        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { ConfigFile = config, TokenDirectory = Path.Combine(scratch, "t") });
        using var http = new HttpClient { BaseAddress = emulator.BaseUri };

        var resources = (await http.FetchAsync("/olcf/v1alpha/status")).Json.GetProperty("resources");
        Assert.Equal("andes", Assert.Single(resources.EnumerateArray()).GetProperty("name").GetString());
        var downtime = Assert.Single((await http.FetchAsync("/olcf/v1alpha/status/downtimes/upcoming")).Json.GetProperty("downtimes").EnumerateArray());
        Assert.InRange(downtime.GetProperty("start").GetDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(58), TimeSpan.FromHours(1));
        Assert.Equal("2099-01-01T00:00:00Z", downtime.GetProperty("end").GetString());
        Assert.Equal(["mine.token"], Directory.GetFiles(emulator.TokenDirectory).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("""{ "resources": [ { "name": "andes", "colour": "blue" } ] }""", "colour")]
    [InlineData("""{ "downtimes": [ { "resourceName": "andes", "start": "+2x", "end": "+3h" } ] }""", "+2x")]
    [InlineData("""{ "tokens": [ { "file": "../escape.token", "project": "abc123" } ] }""", "plain file name")]
    [InlineData("""{ "tokens": [ { "file": "a.token", "project": "abc123", "expiresIn": "soon" } ] }""", "soon")]
    [InlineData("""{ "tokens": [ { "file": "a.token", "project": "abc123", "expiresIn": "30d\n" } ] }""", "is not a duration")]
    public async Task BadConfigurationFailsTheStartAndSaysWhy(string json, string expected)
    {
        var config = Path.Combine(scratch, "bad.json");
        await File.WriteAllTextAsync(config, json);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => EmulatorHost.StartAsync(new EmulatorOptions { ConfigFile = config }));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task BaseUriHasThePortPicked()
    {
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions());

        Assert.Equal("127.0.0.1", emulator.BaseUri.Host);
        Assert.NotEqual(0, emulator.BaseUri.Port);
        using var http = new HttpClient { BaseAddress = emulator.BaseUri };
        Assert.Equal(HttpStatusCode.OK, (await http.FetchAsync("/olcf/v1alpha/status")).Status);
    }

    [Fact]
    public void CommandLineTakesBothFormsOfEachOption()
    {
        var parsed = CommandLine.Parse(["--urls", "http://127.0.0.1:5000", "--token-dir=/tmp/t", "--config", "c.json", "--exit-on-stdin-close"], out var error);

        Assert.Null(error);
        Assert.Equal("http://127.0.0.1:5000", parsed!.Options.Urls);
        Assert.Equal("/tmp/t", parsed.Options.TokenDirectory);
        Assert.Equal("c.json", parsed.Options.ConfigFile);
        Assert.True(parsed.ExitOnStdinClose);
    }

    [Theory]
    [InlineData("--port", "unknown argument")]
    [InlineData("--token-dir", "needs a value")]
    public void CommandLineRefusesWhatItDoesNotKnow(string argument, string expected)
    {
        Assert.Null(CommandLine.Parse([argument], out var error));
        Assert.Contains(expected, error);
    }
}
