using System.Text;

namespace S3M.Emulator.Slurm;

/// <summary>
/// Who runs a project's jobs: the account introspect reports (<c>{project}_auser</c>), the project
/// as its Unix group, and IDs derived from the name so they stay the same across runs.
/// </summary>
internal static class SlurmIdentity
{
    public static string User(string project) => $"{project}_auser";

    public static string Group(string project) => project;

    public static int UserId(string project) => 10_000 + (int)(Fnv(User(project)) % 50_000);

    public static int GroupId(string project) => 20_000 + (int)(Fnv(project) % 50_000);

    /// <summary>FNV-1a: string.GetHashCode changes from run to run.</summary>
    private static uint Fnv(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}
