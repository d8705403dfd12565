namespace S3M.Emulator.Tokens;

/// <summary>Token files in the curl <c>-H @file</c> form that OLCF asks users to keep tokens in.</summary>
internal static class TokenFiles
{
    public static void Write(string directory, string fileName, string token) =>
        PrivateFiles.Write(directory, fileName, $"Authorization: {token}\n");
}
