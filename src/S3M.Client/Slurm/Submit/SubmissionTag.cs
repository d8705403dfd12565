using System;
using System.Security.Cryptography;
using System.Text;
using S3M.Transport;

namespace S3M.Slurm;

/// <summary>
/// The mark each submission leaves in its job's <c>comment</c>, so a job whose submit answer
/// was lost can be found in the job list instead of being submitted twice (S3M has no
/// idempotency key). A tag is <c>s3m:</c> and 16 lowercase hex digits (64 random bits), such as
/// <c>s3m:3f9c0a1b2c3d4e5f</c>: no character PowerShell's wildcards or a shell would read, so
/// <c>-Comment '*s3m:3f9c0a1b2c3d4e5f*'</c> and <c>grep s3m:</c> find it as written. It follows
/// the user's own comment after a space, which is kept whole.
/// </summary>
public static class SubmissionTag
{
    public const string Prefix = "s3m:";

    /// <summary>The most bytes Slurm takes in a job's comment: slurmctld refuses a longer one.</summary>
    public const int MaxCommentBytes = JobFields.MaxOtherTextBytes;

    private const int HexDigits = 16;

    /// <summary>A fresh tag: 64 bits from the system's cryptographic generator, so no two submissions share one.</summary>
    public static string New()
    {
        var bytes = new byte[HexDigits / 2];
        using (var random = RandomNumberGenerator.Create())
        {
            random.GetBytes(bytes);
        }

        var text = new StringBuilder(Prefix, Prefix.Length + HexDigits);
        foreach (var b in bytes)
        {
            text.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>The comment a job is submitted with: the user's comment, a space and the tag; the tag alone when there is none.</summary>
    public static string Append(string? comment, string tag) =>
        string.IsNullOrEmpty(comment) ? tag : comment + " " + tag;

    /// <summary>Whether <paramref name="comment"/> (a job's comment as Slurm gives it back) carries <paramref name="tag"/>.</summary>
    public static bool Carries(string? comment, string tag) =>
        comment != null && comment.IndexOf(tag, StringComparison.Ordinal) >= 0;

    /// <summary>Refuses a comment Slurm would refuse once the tag is added, naming what to do instead.</summary>
    internal static void CheckRoom(string? comment, string tag)
    {
        var bytes = Encoding.UTF8.GetByteCount(Append(comment, tag));
        if (bytes > MaxCommentBytes)
        {
            throw S3mException.InvalidArgumentSaying("Comment",
                $"The job's comment is {Encoding.UTF8.GetByteCount(comment ?? "")} bytes; with the submission tag ({bytes - Encoding.UTF8.GetByteCount(comment ?? "")} bytes more) it would pass the {MaxCommentBytes} bytes Slurm takes in a comment. "
                + "Shorten the comment, or submit without the tag (a lost answer then cannot be settled by looking the job up).");
        }
    }
}
