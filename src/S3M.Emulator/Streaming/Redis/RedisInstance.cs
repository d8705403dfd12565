using System.Diagnostics;

namespace S3M.Emulator.Streaming.Redis;

/// <summary>One running <c>redis-server</c>, its port and its folder (data dir, pidfile, log).</summary>
internal sealed class RedisInstance
{
    private readonly Process process;
    private int stopped;

    public RedisInstance(Process process, int port, string directory)
    {
        this.process = process;
        Port = port;
        Directory = directory;
        Pid = process.Id;
    }

    public int Port { get; }

    public string Directory { get; }

    public int Pid { get; }

    /// <summary>True once the process has ended, whoever ended it.</summary>
    public bool HasExited
    {
        get
        {
            try
            {
                return process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    /// <summary>Kills the process, waits for it so its port is closed, and removes its folder. Safe to call twice.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                // Nothing to save (no persistence): a kill is as clean as a shutdown, and quicker.
                process.Kill();
            }

            process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
        finally
        {
            process.Dispose();
            DeleteDirectory(Directory);
        }
    }

    public static void DeleteDirectory(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temp folder left behind is harmless; the next emulator's sweep takes it.
        }
    }
}
