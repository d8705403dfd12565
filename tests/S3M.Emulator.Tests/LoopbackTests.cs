using System.Net;
using System.Net.Sockets;
using S3M.Emulator.Streaming.Redis;
using S3M.Emulator.Tests.Support;

namespace S3M.Emulator.Tests;

/// <summary>The emulator listens on loopback only, unless told --allow-remote: on the command line, in-process, and in what Kestrel really bound.</summary>
public sealed class LoopbackTests
{
    public static TheoryData<string> Wide => new()
    {
        "http://0.0.0.0:5000",
        "http://[::]:5000",
        "http://::",
        "http://*:5000",
        "http://+:5000",
        "http://10.1.2.3:5000",
        "http://[fe80::1]:5000",
        "http://example.org:5000",
        "http://localhost.example.org:5000",
        "http://unix:/tmp/s3m.sock",
        "0.0.0.0:5000",
    };

    [Theory]
    [MemberData(nameof(Wide))]
    public void TheCommandLineRefusesAnAddressThatIsNotLoopback(string url)
    {
        Assert.Null(CommandLine.Parse(["--urls", url], out var error));
        Assert.Contains($"--urls {url} is not a loopback address", error);
    }

    [Theory]
    [InlineData("http://127.0.0.1:0;http://0.0.0.0:0", "http://0.0.0.0:0")]
    [InlineData(" http://localhost:5000 ; http://[::1]:5001 ; http://*:5002 ", "http://*:5002")]
    public void EveryUrlOfSeveralIsChecked(string urls, string named)
    {
        Assert.Null(CommandLine.Parse(["--urls", urls], out var error));
        Assert.Contains($"--urls {named} is not a loopback address", error);
    }

    [Theory]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("http://127.0.0.2:5000")]
    [InlineData("http://[::1]:0")]
    [InlineData("http://localhost:5000")]
    [InlineData("https://LocalHost:5001/base")]
    [InlineData("http://127.0.0.1:0;http://[::1]:0;")]
    public void LoopbackAddressesAreTaken(string urls)
    {
        var parsed = CommandLine.Parse(["--urls", urls], out var error);

        Assert.Null(error);
        Assert.Equal(urls, parsed!.Options.Urls);
        Assert.False(parsed.Options.AllowRemote);
    }

    [Fact]
    public void AllowRemoteLetsAnyAddressThrough()
    {
        var parsed = CommandLine.Parse(["--urls", "http://0.0.0.0:5000", "--allow-remote"], out var error);

        Assert.Null(error);
        Assert.True(parsed!.Options.AllowRemote);
        Assert.Contains("[--allow-remote]", CommandLine.Usage);
    }

    [Theory]
    [MemberData(nameof(Wide))]
    public async Task StartAsyncRefusesAnAddressThatIsNotLoopback(string url)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => EmulatorHost.StartAsync(new EmulatorOptions { Urls = url }));

        Assert.Equal("Urls", error.ParamName);
        Assert.Contains($"{url} is not a loopback address", error.Message);
    }

    [Fact]
    public async Task StartAsyncWithAllowRemoteTriesTheAddress()
    {
        // 192.0.2.1 (TEST-NET-1) is on no interface: binding it fails, which shows the check let it through.
        var error = await Record.ExceptionAsync(() => EmulatorHost.StartAsync(new EmulatorOptions { Urls = "http://192.0.2.1:0", AllowRemote = true }));

        Assert.True(error is IOException or SocketException, $"expected a failure to bind, got {error}");
    }

    [Fact]
    public void WhatTheServerBoundIsCheckedToo()
    {
        Assert.Null(Loopback.BoundProblem(["http://127.0.0.1:41234", "http://[::1]:41234", "http://localhost:5000"]));
        Assert.Contains("http://0.0.0.0:41234", Loopback.BoundProblem(["http://127.0.0.1:41234", "http://0.0.0.0:41234"]));
        Assert.Contains("http://[::]:41234", Loopback.BoundProblem(["http://[::]:41234"]));
    }

    [Fact]
    public async Task TheProcessRefusesAWildcardWithExitCode2AndListensNowhere()
    {
        var port = LoopbackPorts.Free();
        await using var emulator = EmulatorProcess.Start(["--urls", $"http://0.0.0.0:{port}", "--exit-on-stdin-close"]);

        var (exitCode, stdout) = await emulator.ExitAsync();

        Assert.Equal(2, exitCode);
        Assert.Contains($"--urls http://0.0.0.0:{port} is not a loopback address", emulator.StandardError);
        Assert.DoesNotContain("listening on", stdout);
        AssertNothingListens(port);
    }

    [Fact]
    public async Task TheProcessStopsWhenKestrelConfigurationBindsAWildcard()
    {
        // Kestrel endpoints in configuration override --urls; the environment is configuration too.
        var port = LoopbackPorts.Free();
        await using var emulator = EmulatorProcess.Start(
            ["--urls", "http://127.0.0.1:0", "--exit-on-stdin-close"],
            new Dictionary<string, string> { ["Kestrel__Endpoints__Wide__Url"] = $"http://0.0.0.0:{port}" });

        var (exitCode, stdout) = await emulator.ExitAsync();

        Assert.Equal(1, exitCode);
        Assert.Contains($"the server bound http://0.0.0.0:{port}, which is not a loopback address", emulator.StandardError);
        Assert.DoesNotContain("listening on", stdout);
        AssertNothingListens(port);
    }

    private static void AssertNothingListens(int port)
    {
        using var client = new TcpClient();
        var error = Assert.Throws<SocketException>(() => client.Connect(IPAddress.Loopback, port));
        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
    }
}
