using System.Net;
using System.Text.RegularExpressions;
using S3M.Emulator.Tests.Support;

namespace S3M.Emulator.Tests;

public sealed class TokenFileTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    [Theory]
    [InlineData("stf042-full.token", "stf042", "compute-ace,data-streaming", 30 * 24)]
    [InlineData("stf042-readonly.token", "stf042", "compute-ace-readonly", 30 * 24)]
    [InlineData("stf042-streaming.token", "stf042", "data-streaming", 30 * 24)]
    [InlineData("stf042-expiring.token", "stf042", "compute-ace", 2)]
    [InlineData("csc100-full.token", "csc100", "compute-ace,data-streaming", 30 * 24)]
    public async Task DemoTokenFilesHoldOneHeaderLineWithTheDocumentedGrant(string file, string project, string scopes, int hours)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(Emulator.TokenDirectory, file));

        var match = Regex.Match(text, @"^Authorization: ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\n$");
        Assert.True(match.Success, text);
        var answer = await Http.IntrospectAsync(match.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var info = answer.Json.GetProperty("token");
        Assert.Equal(project, info.GetProperty("project").GetString());
        Assert.Equal(scopes, string.Join(",", info.GetProperty("permissions").EnumerateArray().Select(p => p.GetString())));
        var expiresIn = info.GetProperty("plannedExpiration").GetDateTimeOffset() - DateTimeOffset.UtcNow;
        Assert.InRange(expiresIn, TimeSpan.FromHours(hours) - TimeSpan.FromMinutes(5), TimeSpan.FromHours(hours));
    }

    [Fact]
    public void TokenFilesAreReadableByTheOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var files = Directory.GetFiles(Emulator.TokenDirectory, "*.token");
        Assert.Equal(5, files.Length);
        foreach (var file in files)
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }
}
