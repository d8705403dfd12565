namespace S3M.Emulator.Tests.Slurm;

/// <summary>
/// Where the official slurmrestd OpenAPI documents are: <c>$S3M_CONTRACTS_DIR</c> (the folder
/// holding <c>slurm/</c>, or the <c>slurm</c> folder itself), else <c>../shared/contracts/slurm/</c>
/// beside the repository (the folder with <c>S3M.sln</c>). They are read in place, never copied in.
/// </summary>
public static class ContractFiles
{
    private static readonly Lazy<string?> Folder = new(Find);

    public static string? Directory => Folder.Value;

    public static bool Available => Directory is not null;

    public static string PathOf(string version) => System.IO.Path.Combine(Directory!, $"{version}.openapi.json");

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("S3M_CONTRACTS_DIR") is { Length: > 0 } given)
        {
            return new[] { System.IO.Path.Combine(given, "slurm"), given }.FirstOrDefault(HasDocuments);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "S3M.sln")))
            {
                var slurm = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "contracts", "slurm"));
                return HasDocuments(slurm) ? slurm : null;
            }
        }

        return null;
    }

    private static bool HasDocuments(string folder) =>
        new[] { "v0.0.42", "v0.0.43", "v0.0.44" }.All(v => File.Exists(System.IO.Path.Combine(folder, $"{v}.openapi.json")));
}
