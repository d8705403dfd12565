namespace S3M.Emulator;

/// <summary>
/// Files and folders that hold secrets (tokens, the control key, Redis passwords): readable by
/// their owner only. On Windows, where there are no Unix modes, the user's profile folders are
/// already private and nothing is checked.
/// </summary>
internal static class PrivateFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Writes <paramref name="text"/> to a new file only its owner can read (mode 600 on Unix); returns its path.</summary>
    public static string Write(string directory, string fileName, string text)
    {
        var path = Path.Combine(directory, fileName);
        // Delete first: a file that already exists would keep its old, perhaps wider, mode.
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, options);
        writer.Write(text);
        return path;
    }

    /// <summary>
    /// A folder for secrets at <paramref name="path"/>: made with mode 700 when it does not exist;
    /// when it does, it must already be private. Either way it is checked as it now is (itself,
    /// not a link), since another user may have made it in between: a real folder, ours, mode 700.
    /// Returns its full path.
    /// </summary>
    /// <exception cref="ArgumentException">The folder is a link, another user's, or open to group or others.</exception>
    public static string Folder(string path, string paramName)
    {
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(full).FullName;
        }

        Directory.CreateDirectory(full, OwnerOnly);
        // Refused rather than changed: chmod on a folder someone named (their home, a project
        // folder) could break what else lives there, and a folder others could write to may already
        // hold what they put there.
        var why = WhyNotOurs(full);
        if (why is not null)
        {
            throw new ArgumentException(
                $"the token folder {full} {why}; it will hold tokens and the control key: " +
                $"make it yours and private (chmod 700 '{full}'), or name a folder that does not exist yet, or none for a new temporary one",
                paramName);
        }

        return full;
    }

    /// <summary>Null when <paramref name="folder"/> is a real folder of this user's that only they may open; else why not.</summary>
    public static string? WhyNotOurs(string folder)
    {
        var status = UnixFile.LinkStatus(folder);
        if (status is not { } seen)
        {
            return "could not be checked";
        }

        if (!seen.IsDirectory)
        {
            return "is not a folder itself (a link, or a file)";
        }

        if (UnixFile.EffectiveUserId() is { } me && seen.Owner != me)
        {
            return $"belongs to another user (uid {seen.Owner})";
        }

        return (seen.Mode & (int)GroupOrOthers) != 0 ? $"is open to other users (mode {seen.Permissions})" : null;
    }
}
