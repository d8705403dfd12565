using System.Net;
using System.Runtime.Versioning;
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
    public async Task AGivenTokenFolderThatDoesNotExistIsMadeForTheOwnerOnly()
    {
        var given = Path.Combine(scratch, "new", "tokens");

        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { TokenDirectory = given });

        Assert.True(File.Exists(Path.Combine(given, "stf042-full.token")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(given));
        }
    }

    [SkippableTheory]
    [InlineData("755")]
    [InlineData("750")]
    [InlineData("711")]
    [InlineData("707")]
    [InlineData("1777")]
    [UnsupportedOSPlatform("windows")]
    public async Task AGivenTokenFolderOpenToOthersIsRefusedAndLeftAsItWas(string octal)
    {
        Skip.If(OperatingSystem.IsWindows(), "no Unix modes");
        var given = Directory.CreateDirectory(Path.Combine(scratch, "open")).FullName;
        var mode = (UnixFileMode)Convert.ToInt32(octal, 8);
        File.SetUnixFileMode(given, mode);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => EmulatorHost.StartAsync(new EmulatorOptions { TokenDirectory = given }));

        Assert.Equal("TokenDirectory", error.ParamName);
        Assert.Contains($"{given} is open to other users (mode {octal[^3..]})", error.Message);
        Assert.Contains($"chmod 700 '{given}'", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(given));
        Assert.Equal(mode, File.GetUnixFileMode(given));
    }

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public async Task AGivenTokenFolderThatIsALinkIsRefused()
    {
        // A link may be turned to point elsewhere after it was checked: only a folder itself will do.
        Skip.If(OperatingSystem.IsWindows(), "no Unix modes");
        var real = Directory.CreateDirectory(Path.Combine(scratch, "real"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;
        var link = Path.Combine(scratch, "link");
        Directory.CreateSymbolicLink(link, real);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => EmulatorHost.StartAsync(new EmulatorOptions { TokenDirectory = link }));

        Assert.Contains("is not a folder itself", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(real));
    }

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public async Task AGivenTokenFolderOfAnotherUserIsRefused()
    {
        Skip.If(OperatingSystem.IsWindows() || Environment.UserName != "root", "only root can give a folder away");
        var theirs = Directory.CreateDirectory(Path.Combine(scratch, "theirs"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;
        Assert.Equal(0, Chown(theirs, 65534, 65534));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => EmulatorHost.StartAsync(new EmulatorOptions { TokenDirectory = theirs }));

        Assert.Contains("belongs to another user (uid 65534)", error.Message);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    private static extern int Chown(string path, uint owner, uint group);

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public async Task TheProcessRefusesATokenFolderOpenToOthersWithExitCode2()
    {
        Skip.If(OperatingSystem.IsWindows(), "no Unix modes");
        var given = Directory.CreateDirectory(Path.Combine(scratch, "open")).FullName;
        File.SetUnixFileMode(given, (UnixFileMode)Convert.ToInt32("755", 8));
        await using var emulator = EmulatorProcess.Start(["--urls", "http://127.0.0.1:0", "--token-dir", given, "--exit-on-stdin-close"]);

        var (exitCode, stdout) = await emulator.ExitAsync();

        Assert.Equal(2, exitCode);
        Assert.Contains($"the token folder {given} is open to other users (mode 755)", emulator.StandardError);
        Assert.Empty(stdout);
        Assert.Empty(Directory.GetFileSystemEntries(given));
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
        using var http = emulator.NewHttpClient();

        var resources = (await http.FetchAsync("/olcf/v1alpha/status")).Json.GetProperty("resources");
        Assert.Equal("andes", Assert.Single(resources.EnumerateArray()).GetProperty("name").GetString());
        var downtime = Assert.Single((await http.FetchAsync("/olcf/v1alpha/status/downtimes/upcoming")).Json.GetProperty("downtimes").EnumerateArray());
        Assert.InRange(downtime.GetProperty("start").GetDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(58), TimeSpan.FromHours(1));
        Assert.Equal("2099-01-01T00:00:00Z", downtime.GetProperty("end").GetString());
        Assert.Equal(["control.key", "mine.token"], Directory.GetFiles(emulator.TokenDirectory).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData("""{ "resources": [ { "name": "andes", "colour": "blue" } ] }""", "colour")]
    [InlineData("""{ "downtimes": [ { "resourceName": "andes", "start": "+2x", "end": "+3h" } ] }""", "+2x")]
    [InlineData("""{ "tokens": [ { "file": "../escape.token", "project": "abc123" } ] }""", "plain file name")]
    [InlineData("""{ "tokens": [ { "file": "control.key", "project": "abc123" } ] }""", "control key")]
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
        using var http = emulator.NewHttpClient();
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
