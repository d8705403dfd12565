namespace S3M.Emulator.Tokens;

/// <summary>Token files in the curl <c>-H @file</c> form that OLCF asks users to keep tokens in.</summary>
internal static class TokenFiles
{
    public static void Write(string directory, string fileName, string token)
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
        writer.Write($"Authorization: {token}\n");
    }
}
