using System.Diagnostics;
using System.Text;

namespace S3M.Emulator.Tests.Support;

/// <summary>The emulator as a process of its own, as scripts run it: its command line, exit code, stdout and stderr.</summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly StringBuilder stderr = new();
    private readonly object gate = new();

    private EmulatorProcess(Process process)
    {
        this.process = process;
        process.ErrorDataReceived += (_, e) =>
        {
            lock (gate)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;

    public string StandardError
    {
        get
        {
            lock (gate)
            {
                return stderr.ToString();
            }
        }
    }

    /// <summary>Starts <c>dotnet S3M.Emulator.dll</c> (the build next to the tests) with <paramref name="arguments"/>, without ASP.NET's URL variables.</summary>
    public static EmulatorProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "S3M.Emulator.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new EmulatorProcess(Process.Start(start)!);
    }

    /// <summary>The next line on stdout; fails the test when none comes in time or the process ends first.</summary>
    public async Task<string> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        Assert.True(line is not null, $"the emulator printed nothing more; stderr: {StandardError}");
        return line;
    }

    /// <summary>Waits for the process to end by itself; returns its exit code and all of its stdout.</summary>
    public async Task<(int ExitCode, string StandardOutput)> ExitAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var stdout = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, stdout);
    }

    /// <summary>Closes stdin (the polite stop with --exit-on-stdin-close), then kills what is left.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or IOException)
        {
            process.Kill(entireProcessTree: true);
        }
        finally
        {
            process.Dispose();
        }
    }
}
