using System.Linq;
using System.Text.Json;
using S3M.Transport;

namespace S3M.Slurm;

/// <summary>
/// The envelope every Slurm answer carries: <c>meta</c>, <c>errors[]</c>, <c>warnings[]</c>.
/// Errors are a failure whatever the HTTP status (slurmrestd's documents give every error answer
/// the 200's schema); warnings reach the user and the call goes on. The one mapping from Slurm's
/// error numbers to kinds is here, for <c>errors[]</c> and a cancel's <c>status[]</c> alike.
/// </summary>
internal static class SlurmMeta
{
    /// <summary>ESLURM_INVALID_JOB_ID: the job is not there, which callers handle as any missing thing.</summary>
    private const long InvalidJobId = 2017;

    /// <summary>ESLURM_ALREADY_DONE: "Job/step already completing or completed".</summary>
    private const long AlreadyDone = 2021;

    /// <summary>Each of <c>warnings[]</c> as "Slurm: ...", for the result that carries them.</summary>
    internal static string[] Warnings(JsonElement answer) =>
        answer.Objects("warnings").Select(w => "Slurm: " + Describe(w, "warning")).ToArray();

    /// <summary>The kind a Slurm error number stands for.</summary>
    internal static S3mErrorKind KindOf(long? errorNumber) =>
        errorNumber == InvalidJobId ? S3mErrorKind.NotFound : S3mErrorKind.SlurmError;

    /// <summary>A non-empty <c>errors[]</c> as one line, with the kind it stands for; null when there is none.</summary>
    internal static (string Text, S3mErrorKind Kind)? ReadErrors(JsonElement answer)
    {
        var errors = answer.Objects("errors").ToArray();
        if (errors.Length == 0)
        {
            return null;
        }

        var text = ErrorMapper.Clip(string.Join("; ", errors.Select(e => Describe(e, "error"))))!;
        var kind = errors.Any(e => KindOf(e.Number("error_number")) == S3mErrorKind.NotFound) ? S3mErrorKind.NotFound : S3mErrorKind.SlurmError;
        return (text, kind);
    }

    /// <summary>Throws the error a non-empty <c>errors[]</c> in a 2xx answer stands for.</summary>
    internal static void Check(JsonElement answer, string method, string path)
    {
        if (ReadErrors(answer) is { } errors)
        {
            throw Refusal(errors.Kind, method, path, 200, null, errors.Text, "");
        }
    }

    /// <summary>
    /// Slurm's refusal of <paramref name="method"/> <paramref name="path"/> in its own words; the
    /// status is named when it is not 200. <paramref name="meaning"/> ends the message (ErrorMapper's).
    /// </summary>
    internal static S3mException Refusal(S3mErrorKind kind, string method, string path, int status, string? reason, string text, string meaning) =>
        new S3mException(kind, $"Slurm refused {method} {path}{(status == 200 ? "" : $" (S3M answered {status} {reason})")}: {(meaning.Length > 0 ? text.TrimEnd('.') : text)}{meaning}")
        {
            Method = method,
            Path = path,
            StatusCode = status,
            ServerMessage = text,
        };

    /// <summary>
    /// Whether Slurm says the job is already completing or completed (2021), in <c>errors[]</c> or
    /// in a cancel's <c>status[]</c>: met by a cancel's retry after a lost answer, the lost cancel
    /// (or the job's own end) got there first.
    /// </summary>
    internal static bool SaysAlreadyDone(JsonElement answer) =>
        answer.Objects("errors").Any(e => e.Number("error_number") == AlreadyDone)
        || answer.Objects("status").Any(s => s.Field("error") is { ValueKind: JsonValueKind.Object } error && error.Number("code") == AlreadyDone);

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
