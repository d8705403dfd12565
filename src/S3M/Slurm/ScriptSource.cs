using System;
using System.IO;
using System.Management.Automation;
using System.Text;
using S3M.Slurm;
using S3M.Transport;

namespace S3M.Commands;

/// <summary>The batch script of -ScriptPath or -Script, read into a job description.</summary>
internal static class ScriptSource
{
    public static SlurmJobDescription Read(PSCmdlet cmdlet, string? path, string? script, bool ignoreUnsupported)
    {
        var description = path != null
            ? SbatchScript.Parse(ReadFile(cmdlet, path), ignoreUnsupported, "ScriptPath")
            : SbatchScript.Parse(script ?? "", ignoreUnsupported, "Script");
        foreach (var warning in description.Warnings)
        {
            cmdlet.WriteWarning(warning);
        }

        return description;
    }

    private static string ReadFile(PSCmdlet cmdlet, string path)
    {
        var full = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
        var info = new FileInfo(full);
        if (!info.Exists)
        {
            throw S3mException.InvalidArgument("ScriptPath", $"'{path}' does not exist.");
        }
        // Check the size before reading: a huge file is a mistake, and the gateway would refuse it anyway.
        if (info.Length > SbatchScript.MaxScriptBytes)
        {
            throw S3mException.InvalidArgument("ScriptPath", $"'{path}' is {info.Length / 1048576.0:0.#} MiB; a batch script sent through S3M may be at most {SbatchScript.MaxScriptBytes / 1048576} MiB.");
        }

        try { return File.ReadAllText(full, Encoding.UTF8); }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        { throw S3mException.InvalidArgument("ScriptPath", $"'{path}' could not be read: {e.Message}"); }
    }
}
