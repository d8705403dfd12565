using System;
using System.IO;
using System.Security;
using System.Text;
using S3M.Transport;

namespace S3M.Tokens
{
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
        /// The token in the file at <paramref name="path"/>. A file that group or others may
        /// access is refused, unless <paramref name="allowUnprotected"/>: then
        /// <paramref name="warning"/> says so.
        /// </summary>
        public static SecureString Read(string path, string parameterName, bool allowUnprotected, out string? warning)
        {
            warning = null;
            FileInfo info;
            try { info = new FileInfo(path); }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException)
            { throw S3mException.InvalidArgument(parameterName, $"'{S3mRoutes.Printable(path)}' is not a valid path: {e.Message}"); }

            var status = UnixFileStatus.Of(info.FullName);
            if (Directory.Exists(info.FullName) || status is { IsRegularFile: false })
                throw S3mException.InvalidArgument(parameterName,
                    $"'{path}' is {(status?.TypeName ?? "a directory")}, not a token file; it was not read. Give the path of a regular file holding 'Authorization: <token>'.");
            if (!info.Exists)
                throw S3mException.InvalidArgument(parameterName, $"'{path}' does not exist.");
            if (status is { GroupOrOthers: not 0 } open)
            {
                var problem = $"'{path}' can be read or changed by other users (mode {open.Permissions})";
                if (!allowUnprotected)
                    throw S3mException.InvalidArgument(parameterName,
                        $"{problem}, so it was not read: a token there is as good as leaked, and one put there by someone else would send your jobs to their project. Restrict it with: chmod 600 '{path}' (or pass -AllowUnprotectedTokenFile to accept it).");
                warning = $"The token file {problem}; restrict it with: chmod 600 '{path}'";
            }
            return Parse(ReadCapped(info.FullName, path, parameterName), parameterName, path);
        }

        /// <summary>At most <see cref="MaxTokenFileBytes"/>, counted while reading: the file may grow after it was looked at.</summary>
        private static string ReadCapped(string fullPath, string shownPath, string parameterName)
        {
            try
            {
                using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan);
                var buffer = new byte[MaxTokenFileBytes + 1];
                var length = 0;
                int read;
                while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0) length += read;
                if (length > MaxTokenFileBytes)
                    throw S3mException.InvalidArgument(parameterName, $"'{shownPath}' is larger than {MaxTokenFileBytes / 1024} KiB; a token file holds one line.");
                try { return new UTF8Encoding(false).GetString(buffer, 0, length); }
                finally { Array.Clear(buffer, 0, length); }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw S3mException.InvalidArgument(parameterName, $"'{shownPath}' could not be read: {e.Message}");
            }
        }

        /// <summary>A read-only copy of a token the caller handed over, cleaned as a file's would be; the caller may dispose theirs.</summary>
        public static SecureString Copy(SecureString given, string parameterName)
        {
            string text;
            try { text = SecureText.Reveal(given); }
            catch (ObjectDisposedException) { throw S3mException.InvalidArgument(parameterName, "was disposed before it could be used."); }
            if (text.Length == 0) throw S3mException.InvalidArgument(parameterName, "is empty.");
            return Parse(text, parameterName, "-" + parameterName);
        }

        /// <summary>The token in <paramref name="text"/>; the error names the file, never its content.</summary>
        public static SecureString Parse(string text, string parameterName, string source)
        {
            var token = Extract(text);
            if (token == null)
                throw S3mException.InvalidArgument(parameterName,
                    $"'{source}' holds no token: expected the token alone or one line 'Authorization: <token>'.");
            return SecureText.From(token)!;
        }

        internal static string? Extract(string text)
        {
            text = text.TrimStart('\uFEFF');
            string? found = null;
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line.StartsWith("#", StringComparison.Ordinal)) continue;
                if (found != null) return null; // two non-blank lines: not a token file
                if (line.StartsWith(HeaderName, StringComparison.OrdinalIgnoreCase)) line = line.Substring(HeaderName.Length).Trim();
                found = line;
            }
            if (string.IsNullOrEmpty(found)) return null;
            foreach (var c in found!) if (char.IsWhiteSpace(c) || char.IsControl(c)) return null;
            return found;
        }
    }
}
