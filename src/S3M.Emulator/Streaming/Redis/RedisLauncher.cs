using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace S3M.Emulator.Streaming.Redis;

/// <summary>
/// Runs one <c>redis-server</c> per Redis cluster, on 127.0.0.1 only, with the cluster's user
/// in its ACL (data commands only) and the default user off, configured through a file only the
/// emulator's user can read. It stops every process it started when disposed, and on process
/// exit as a backstop; a folder left by an emulator that was killed outright is swept, and its
/// server stopped, when the next emulator starts.
/// </summary>
internal sealed partial class RedisLauncher : IDisposable
{
    // Folder names carry the emulator's process ID, so a sweep can tell a live owner from a dead one.
    private const string FolderPrefix = "s3m-redis-";
    private const string ConfigFileName = "redis.conf";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(5);

    // ACL categories, the enable-*-command settings and subcommand rules (+memory|usage) need 7.0.
    private static readonly Version MinimumVersion = new(7, 0);

    /// <summary>
    /// What a cluster's user may do: every key and channel, and data commands only. Anyone who
    /// has the URL has this user, so nothing that reaches the server, its files or other clients:
    /// @admin and @dangerous go (CONFIG, MODULE, DEBUG, SHUTDOWN, SAVE, REPLICAOF, MONITOR,
    /// MIGRATE, CLIENT KILL, FLUSHALL, INFO...), then three data commands Redis files under
    /// @dangerous only for their cost come back, then the help and read-only subcommands of
    /// server commands that slip through the categories go too.
    /// </summary>
    private static readonly string[] UserRules =
    [
        "~*", "&*", "+@all", "-@admin", "-@dangerous",
        "+keys", "+sort", "+sort_ro",
        "-acl", "-config", "-module", "-cluster", "-latency", "-slowlog", "-memory", "+memory|usage",
    ];

    private readonly ConcurrentDictionary<RedisInstance, byte> live = new();

    private RedisLauncher(string? serverPath, string? whyNot)
    {
        ServerPath = serverPath;
        WhyNot = whyNot;
        if (serverPath is not null)
        {
            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        }
    }

    /// <summary>The redis-server run; null when clusters fall back to URLs that point nowhere.</summary>
    public string? ServerPath { get; }

    /// <summary>Why there is no real Redis, when there is none.</summary>
    public string? WhyNot { get; }

    public bool IsReal => ServerPath is not null;

    /// <summary>Finds and checks <paramref name="configured"/>; says on stderr, in one line, when there will be no real Redis.</summary>
    public static RedisLauncher Detect(string configured)
    {
        var whyNot = Check(configured, out var path);
        if (whyNot is not null)
        {
            Console.Error.WriteLine($"S3M.Emulator: no real Redis ({whyNot}); Redis clusters get URLs that point nowhere");
            return new RedisLauncher(null, whyNot);
        }

        SweepOrphans();
        return new RedisLauncher(path, null);
    }

    /// <summary>Starts a server the user can log in to, waiting until it answers; null (and a line on stderr) when it would not start.</summary>
    public async Task<RedisInstance?> StartAsync(string username, string password)
    {
        string? failure = null;
        // A port taken between choosing and binding makes the server exit at once: try another.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            // Mode 700: the configuration file in it holds the password.
            var directory = Directory.CreateTempSubdirectory(FolderPrefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-").FullName;
            var port = LoopbackPorts.Free();
            Process process;
            try
            {
                var config = PrivateFiles.Write(directory, ConfigFileName, Configuration(port, directory, username, password));
                process = Process.Start(StartInfo(config, directory))!;
            }
            catch (Exception e) when (e is Win32Exception or InvalidOperationException)
            {
                RedisInstance.DeleteDirectory(directory);
                failure = e.Message;
                break;
            }

            // Drain the pipes (the log goes to a file; this is only what escapes it).
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var instance = new RedisInstance(process, port, directory);
            live[instance] = 0;
            if (await AnswersAsync(instance, username, password))
            {
                return instance;
            }

            failure = LastLogLine(directory) ?? $"it did not answer PING within {StartTimeout.TotalSeconds:0} s";
            Stop(instance);
        }

        Console.Error.WriteLine($"S3M.Emulator: redis-server did not start: {failure}");
        return null;
    }

    public void Stop(RedisInstance instance)
    {
        live.TryRemove(instance, out _);
        instance.Stop();
    }

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        StopAll();
    }

    private void OnProcessExit(object? sender, EventArgs e) => StopAll();

    private void StopAll()
    {
        foreach (var instance in live.Keys)
        {
            Stop(instance);
        }
    }

    /// <summary>The server's whole command line is its configuration file: any user can read a process's arguments (ps, /proc/PID/cmdline).</summary>
    private ProcessStartInfo StartInfo(string configFile, string directory) => new(ServerPath!)
    {
        UseShellExecute = false,
        // Our stdout is the emulator's, read by scripts: nothing of redis-server's may reach it.
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        WorkingDirectory = directory,
        ArgumentList = { configFile },
    };

    /// <summary>redis.conf for one cluster: loopback, no persistence, no debug or module commands, the cluster's user and no other.</summary>
    private static string Configuration(int port, string directory, string username, string password)
    {
        string[] lines =
        [
            "# Written by the S3M emulator for one cluster. Mode 600: it holds the cluster's password.",
            "bind 127.0.0.1",
            $"port {port.ToString(CultureInfo.InvariantCulture)}",
            "protected-mode yes",
            "daemonize no",
            "save \"\"",
            "appendonly no",
            $"dir {Quote(directory)}",
            $"pidfile {Quote(Path.Combine(directory, "redis.pid"))}",
            $"logfile {Quote(Path.Combine(directory, "redis.log"))}",
            "loglevel warning",
            "enable-debug-command no",
            "enable-module-command no",
            "enable-protected-configs no",
            "user default off resetpass -@all",
            $"user {Quote(username)} on {Quote(">" + password)} {string.Join(' ', UserRules)}",
        ];
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>A double-quoted redis.conf argument: one argument whatever it holds, so no value can add a rule.</summary>
    private static string Quote(string value) =>
        "\"" + string.Concat(value.Select(c =>
            c is '"' or '\\' ? "\\" + c :
            char.IsControl(c) ? $"\\x{(int)c:x2}" :
            c.ToString())) + "\"";

    private static async Task<bool> AnswersAsync(RedisInstance instance, string username, string password)
    {
        using var deadline = new CancellationTokenSource(StartTimeout);
        try
        {
            while (!instance.HasExited)
            {
                if (await RespProbe.AnswersAsync(instance.Port, username, password, deadline.Token))
                {
                    return true;
                }

                await Task.Delay(20, deadline.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }

        return false;
    }

    private static string? LastLogLine(string directory)
    {
        try
        {
            return File.ReadLines(Path.Combine(directory, "redis.log")).LastOrDefault(l => l.Trim().Length > 0)?.Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Why <paramref name="configured"/> cannot serve clusters, or null with its full path.</summary>
    private static string? Check(string configured, out string? path)
    {
        path = null;
        if (configured.Length == 0)
        {
            return "streaming.redisServer is empty in the configuration";
        }

        path = Resolve(configured);
        if (path is null)
        {
            return $"{configured} not found{(configured.Contains(Path.DirectorySeparatorChar) ? "" : " on PATH")}";
        }

        var version = VersionOf(path);
        if (version is null)
        {
            return $"{path} --version did not answer";
        }

        return version < MinimumVersion
            ? $"{path} is Redis {version}; {MinimumVersion} or later is needed, for the ACL rules that keep a cluster's user to data commands"
            : null;
    }

    private static string? Resolve(string command)
    {
        if (command.Contains(Path.DirectorySeparatorChar) || command.Contains(Path.AltDirectorySeparatorChar))
        {
            return File.Exists(command) ? Path.GetFullPath(command) : null;
        }

        var names = OperatingSystem.IsWindows() ? new[] { command, command + ".exe" } : [command];
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(directory => names.Select(name => Path.Combine(directory, name)))
            .FirstOrDefault(File.Exists);
    }

    private static Version? VersionOf(string path)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(path, "--version")
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(StartTimeout) || !output.Wait(StartTimeout))
            {
                process.Kill();
                return null;
            }

            // "Redis server v=7.0.15 sha=..." (Valkey prints "Valkey server v=8.0.1 ...").
            var match = VersionPattern().Match(output.Result);
            return match.Success ? new Version(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)) : null;
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Stops the servers of emulators that died without stopping them, and removes their folders.</summary>
    private static void SweepOrphans()
    {
        string[] folders;
        try
        {
            folders = Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*");
        }
        catch (IOException)
        {
            return;
        }

        foreach (var folder in folders)
        {
            var parts = Path.GetFileName(folder).Split('-');
            // The temporary folder is shared: only folders of this user's, made as ours are, are swept.
            if (parts.Length < 4 || !int.TryParse(parts[2], CultureInfo.InvariantCulture, out var owner) || IsAlive(owner)
                || (!OperatingSystem.IsWindows() && PrivateFiles.WhyNotOurs(folder) is not null))
            {
                continue;
            }

            if (ReadPid(Path.Combine(folder, "redis.pid")) is { } pid)
            {
                KillIfServing(pid, folder);
            }

            RedisInstance.DeleteDirectory(folder);
        }
    }

    /// <summary>The number in a pid file, if it is a small regular file of ours (never a FIFO or a device that another user left).</summary>
    private static int? ReadPid(string path)
    {
        if (!OperatingSystem.IsWindows()
            && (UnixFile.LinkStatus(path) is not { IsRegularFile: true } status || (UnixFile.EffectiveUserId() is { } me && status.Owner != me)))
        {
            return null;
        }

        try
        {
            var info = new FileInfo(path);
            return info.Exists && info.Length < 32 && int.TryParse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            // A process killed outright stays a zombie until reaped, and still "exists".
            if (OperatingSystem.IsLinux())
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                return stat[stat.LastIndexOf(')') + 2] is not ('Z' or 'X');
            }

            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            // Someone else's process: alive, and not ours to sweep.
            return true;
        }
    }

    /// <summary>Kills <paramref name="pid"/> only if it is still the server of <paramref name="folder"/>: a PID may have been reused.</summary>
    private static void KillIfServing(int pid, string folder)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            // redis-server works in its --dir; elsewhere, trust the name.
            var ours = OperatingSystem.IsLinux()
                ? new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget is { } cwd
                    && Path.TrimEndingDirectorySeparator(cwd) == Path.TrimEndingDirectorySeparator(folder)
                : process.ProcessName.StartsWith("redis-server", StringComparison.Ordinal);
            if (ours)
            {
                process.Kill();
                process.WaitForExit(TimeSpan.FromSeconds(2));
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or Win32Exception or IOException or UnauthorizedAccessException)
        {
        }
    }

    [GeneratedRegex(@"v=(\d+)\.(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
