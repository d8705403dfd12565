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
    /// </summary>
    public static class TokenFile
    {
        private const int MaxTokenFileBytes = 64 * 1024;
        private const string HeaderName = "Authorization:";

        public static SecureString Read(string path, string parameterName)
        {
            FileInfo info;
            try { info = new FileInfo(path); }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException)
            { throw S3mException.InvalidArgument(parameterName, $"'{S3mRoutes.Printable(path)}' is not a valid path: {e.Message}"); }
            if (!info.Exists)
                throw S3mException.InvalidArgument(parameterName, $"'{path}' does not exist.");
            if (info.Length > MaxTokenFileBytes)
                throw S3mException.InvalidArgument(parameterName, $"'{path}' is {info.Length} bytes; a token file holds one line.");
            string text;
            try { text = File.ReadAllText(path, Encoding.UTF8); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            { throw S3mException.InvalidArgument(parameterName, $"'{path}' could not be read: {e.Message}"); }
            return Parse(text, parameterName, path);
        }

        /// <summary>
        /// A warning when, on Unix, group or others may read the file; null otherwise. Uses
        /// File.GetUnixFileMode where the runtime has it (.NET 7+, so PowerShell 7.4+); Windows
        /// and older runtimes get no check.
        /// </summary>
        public static string? PermissionWarning(string path)
        {
            if (Path.DirectorySeparatorChar == '\\') return null;
            var getMode = typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) });
            if (getMode == null) return null;
            int mode;
            try { mode = Convert.ToInt32(getMode.Invoke(null, new object[] { path }), System.Globalization.CultureInfo.InvariantCulture); }
            catch (Exception) { return null; }
            const int groupOrOthers = 0x3F; // rwx for group (0o070) and others (0o007)
            return (mode & groupOrOthers) == 0 ? null
                : $"The token file '{path}' can be read by other users (mode {Convert.ToString(mode & 0x1FF, 8)}); restrict it with: chmod 600 '{path}'";
        }

        /// <summary>The token in <paramref name="text"/>; the error names the file, never its content.</summary>
        public static SecureString Parse(string text, string parameterName, string source)
        {
            var token = Extract(text);
            if (token == null)
                throw S3mException.InvalidArgument(parameterName,
                    $"'{source}' holds no token: expected the token alone or one line 'Authorization: <token>'.");
            var secure = new SecureString();
            foreach (var c in token) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
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
