using System;
using System.IO;
using System.Security;
using System.Text;
using S3M.Transport;

namespace S3M.Tokens;

/// <summary>
/// Reads a token file: the bare token, or the one line <c>Authorization: &lt;token&gt;</c> that
/// OLCF's docs suggest for <c>curl -H @file</c>. Tolerates a BOM, CRLF and blanks around it.
/// Only a small regular file is read, and on Unix only one that nobody else may read or
/// change, as ssh treats a private key.
/// </summary>
public static class TokenFile
{
    /// <summary>A token file holds one line; anything larger is refused unread.</summary>
    public const int MaxTokenFileBytes = 64 * 1024;
    private const string HeaderName = "Authorization:";

    /// <summary>
    /// The token in the file at <paramref name="path"/>. On Linux and macOS, a file that group or
    /// others may access, or that another user owns, is refused, unless
    /// <paramref name="allowUnprotected"/>: then <paramref name="warning"/> says so.
    /// </summary>
    public static SecureString Read(string path, string parameterName, bool allowUnprotected, out string? warning)
    {
        warning = null;
        var shown = S3mRoutes.Printable(path);
        FileInfo info;
        try { info = new FileInfo(path); }
        catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException)
        { throw S3mException.InvalidArgument(parameterName, $"'{shown}' is not a valid path: {e.Message}"); }
        if (Directory.Exists(info.FullName))
        {
            throw NotRegular(parameterName, shown, "a directory");
        }

        if (!info.Exists)
        {
            throw S3mException.InvalidArgument(parameterName, $"'{shown}' does not exist.");
        }

        try
        {
            string text;
            if (UnixFile.Applies)
            {
                text = ReadOnUnix(info.FullName, shown, parameterName, allowUnprotected, out warning);
            }
            else
            {
                using var stream = new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
                text = ReadCapped(stream, shown, parameterName);
            }
            return Parse(text, parameterName, shown);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            throw S3mException.InvalidArgument(parameterName, $"'{shown}' could not be read: {e.Message}");
        }
    }

    /// <summary>
    /// Looks at the path first, so that a FIFO or a device is never opened; then opens without
    /// blocking and checks what was opened, which is what is read: the path may have been
    /// changed in between by anyone who can write to its folder.
    /// </summary>
    private static string ReadOnUnix(string fullPath, string shown, string parameterName, bool allowUnprotected, out string? warning)
    {
        var before = UnixFile.Status(fullPath) ?? throw Unchecked(parameterName, shown);
        if (!before.IsRegularFile)
        {
            throw NotRegular(parameterName, shown, before.TypeName);
        }

        using var handle = UnixFile.OpenNonBlocking(fullPath)
            ?? new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1).SafeFileHandle;
        var opened = UnixFile.Status(handle) ?? throw Unchecked(parameterName, shown);
        if (!opened.IsRegularFile)
        {
            throw NotRegular(parameterName, shown, opened.TypeName);
        }

        warning = CheckPrivate(opened, shown, parameterName, allowUnprotected);
        using var stream = new FileStream(handle, FileAccess.Read, 1);
        return ReadCapped(stream, shown, parameterName);
    }

    /// <summary>Null when only this user may touch the file; else an error, or with <paramref name="allowUnprotected"/> a warning.</summary>
    private static string? CheckPrivate(UnixFileStatus status, string shown, string parameterName, bool allowUnprotected)
    {
        var me = UnixFile.EffectiveUserId();
        var foreign = me.HasValue && status.Owner != me.Value;
        if (!foreign && status.GroupOrOthers == 0)
        {
            return null;
        }

        var problem = foreign
            ? $"'{shown}' belongs to another user (uid {status.Owner})"
            : $"'{shown}' can be read or changed by other users (mode {status.Permissions})";
        var fix = foreign ? $"Make it yours and private: chown it to yourself, then chmod 600 '{shown}'" : $"Restrict it with: chmod 600 '{shown}'";
        if (!allowUnprotected)
        {
            var refused = S3mException.InvalidArgument(parameterName,
                $"{problem}, so it was not read: a token there is as good as leaked, and one put there by someone else would send your jobs to their project. {fix}.");
            refused.Remedy = S3mRemedy.ProtectTokenFile;
            throw refused;
        }
        return $"The token file {problem}. {fix}.";
    }

    private static S3mException NotRegular(string parameterName, string shown, string what) =>
        S3mException.InvalidArgument(parameterName, $"'{shown}' is {what}, not a token file; it was not read. Give the path of a regular file holding 'Authorization: <token>'.");

    private static S3mException Unchecked(string parameterName, string shown) =>
        S3mException.InvalidArgument(parameterName, $"'{shown}' could not be checked (its type, owner and permissions), so it was not read.");

    /// <summary>At most <see cref="MaxTokenFileBytes"/>, counted while reading: the file may grow after it was looked at.</summary>
    private static string ReadCapped(Stream stream, string shown, string parameterName)
    {
        var buffer = new byte[MaxTokenFileBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        try
        {
            if (length > MaxTokenFileBytes)
            {
                throw S3mException.InvalidArgument(parameterName, $"'{shown}' is larger than {MaxTokenFileBytes / 1024} KiB; a token file holds one line.");
            }

            return new UTF8Encoding(false).GetString(buffer, 0, length);
        }
        finally { Array.Clear(buffer, 0, length); }
    }

    /// <summary>A read-only copy of a token the caller handed over, cleaned as a file's would be; the caller may dispose theirs.</summary>
    public static SecureString Copy(SecureString given, string parameterName)
    {
        string text;
        try { text = SecureText.Reveal(given); }
        catch (ObjectDisposedException) { throw S3mException.InvalidArgument(parameterName, "was disposed before it could be used."); }
        if (text.Length == 0)
        {
            throw S3mException.InvalidArgument(parameterName, "is empty.");
        }

        return Parse(text, parameterName, "-" + parameterName);
    }

    /// <summary>The token in <paramref name="text"/>; the error names the file, never its content.</summary>
    public static SecureString Parse(string text, string parameterName, string source)
    {
        var token = Extract(text);
        if (token == null)
        {
            throw S3mException.InvalidArgument(parameterName,
                $"'{source}' holds no token: expected the token alone or one line 'Authorization: <token>'.");
        }

        return SecureText.From(token)!;
    }

    internal static string? Extract(string text)
    {
        text = text.TrimStart('\uFEFF');
        string? found = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("#", StringComparison.Ordinal))
            {
                continue;
            }

            if (found != null)
            {
                return null; // two non-blank lines: not a token file
            }

            if (line.StartsWith(HeaderName, StringComparison.OrdinalIgnoreCase))
            {
                line = line.Substring(HeaderName.Length).Trim();
            }

            found = line;
        }
        if (string.IsNullOrEmpty(found))
        {
            return null;
        }

        foreach (var c in found!)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return null;
            }
        }

        return found;
    }
}
