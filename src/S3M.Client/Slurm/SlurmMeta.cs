using System.Linq;
using System.Text.Json;
using S3M.Transport;

namespace S3M.Slurm;

/// <summary>
/// The envelope every Slurm answer carries: <c>meta</c>, <c>errors[]</c>, <c>warnings[]</c>.
/// HTTP 200 with errors is a failure; warnings reach the user and the call goes on.
/// </summary>
internal static class SlurmMeta
{
    private const long InvalidJobId = 2017;

    /// <summary>Each of <c>warnings[]</c> as "Slurm: ...", for the result that carries them.</summary>
    internal static string[] Warnings(JsonElement answer) =>
        answer.Objects("warnings").Select(w => "Slurm: " + Describe(w, "warning")).ToArray();

    /// <summary>Throws <see cref="S3mErrorKind.SlurmError"/> for a non-empty <c>errors[]</c>.</summary>
    internal static void Check(JsonElement answer, string method, string path)
    {
        var errors = answer.Objects("errors").ToArray();
        if (errors.Length == 0)
        {
            return;
        }

        var text = string.Join("; ", errors.Select(e => Describe(e, "error")));
        // ESLURM_INVALID_JOB_ID: the job is not there, which callers handle as any missing thing.
        var kind = errors.Any(e => e.Number("error_number") == InvalidJobId) ? S3mErrorKind.NotFound : S3mErrorKind.SlurmError;
        throw new S3mException(kind, $"Slurm refused {method} {path}: {text}")
        {
            Method = method,
            Path = path,
            StatusCode = 200,
            ServerMessage = text,
        };
    }

    private static string Describe(JsonElement item, string wordField)
    {
        var description = item.NonEmptyString("description");
        var word = item.NonEmptyString(wordField);
        var number = item.Number("error_number");
        var source = item.NonEmptyString("source");
        var text = description ?? word ?? "(no description)";
        if (word != null && description != null && word != description)
        {
            text += $" ({word})";
        }

        if (number.HasValue && number.Value != 0)
        {
            text += $" [error {number.Value}]";
        }

        if (source != null)
        {
            text += $" in {source}";
        }

        return text;
    }

    /// <summary>"24.05.3" from meta.slurm.release, else from its version parts.</summary>
    public static string? Version(JsonElement answer)
    {
        var slurm = answer.Field("meta")?.Field("slurm") ?? default;
        if (slurm.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var release = slurm.NonEmptyString("release");
        if (release != null)
        {
            return release;
        }

        var version = slurm.Field("version") ?? default;
        if (version.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return $"{version.String("major") ?? "0"}.{version.String("minor") ?? "0"}.{version.String("micro") ?? "0"}";
    }
}
