using System;
using System.IO;
using System.Security;
using System.Text;
using System.Text.Json;

namespace S3M.Streaming
{
    /// <summary>
    /// Keeps streaming passwords out of everything a user sees: URLs with the password masked,
    /// answers (Raw) with password fields and URL passwords replaced.
    /// </summary>
    public static class Secrets
    {
        public const string Mask = "****";

        /// <summary>
        /// <c>amqps://user:****@host:443</c>: the URL with its password masked. It fails closed:
        /// a password may hold any character ('/', '?', '#', '@', ':'), so the userinfo is all that
        /// lies between "://" (or the start, when there is none) and the last '@' of the text.
        /// What follows its first ':' is masked; all of it is, when there is no ':', nothing after
        /// it, or a "user" that no URL could hold (then the text is not what it seems). A URL with
        /// '@' in its path or query is masked further than it needs to be, never less.
        /// </summary>
        public static string? MaskUrl(string? url)
        {
            if (string.IsNullOrEmpty(url)) return url;
            var at = url!.LastIndexOf('@');
            if (at < 0) return url;
            var scheme = url.IndexOf("://", StringComparison.Ordinal);
            var start = scheme >= 0 && scheme < at ? scheme + 3 : 0;
            var colon = url.IndexOf(':', start, at - start);
            var keepUser = colon >= 0 && colon + 1 < at && IsUserName(url, start, colon);
            return url.Substring(0, keepUser ? colon + 1 : start) + Mask + url.Substring(at);
        }

        /// <summary>Whether url[start..end) is made only of what RFC 3986 allows in a user name (unreserved, sub-delims, %).</summary>
        private static bool IsUserName(string url, int start, int end)
        {
            for (var i = start; i < end; i++)
            {
                var c = url[i];
                if (c > 0x7E || !(char.IsLetterOrDigit(c) || "-._~!$&'()*+,;=%".IndexOf(c) >= 0)) return false;
            }
            return true;
        }

        /// <summary>
        /// A copy of <paramref name="answer"/> with every <c>password</c> masked, every URL's
        /// password masked, and <paramref name="secret"/> (the cluster's password) masked wherever
        /// else it appears, whatever field the gateway puts it in.
        /// </summary>
        public static JsonElement Redact(JsonElement answer, string? secret = null)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream)) Write(writer, answer, null, secret);
            using var document = JsonDocument.Parse(stream.ToArray());
            return document.RootElement.Clone();
        }

        // A password of a few characters would match ordinary words too; the fields and URLs above still mask it.
        private const int MinimumScrubbedLength = 4;

        private static string Scrub(string text, string? secret) =>
            secret == null || secret.Length < MinimumScrubbedLength ? text : text.Replace(secret, Mask);

        private static void Write(Utf8JsonWriter writer, JsonElement element, string? name, string? secret)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    writer.WriteStartObject();
                    foreach (var property in element.EnumerateObject())
                    {
                        writer.WritePropertyName(Scrub(property.Name, secret));
                        Write(writer, property.Value, property.Name, secret);
                    }
                    writer.WriteEndObject();
                    break;
                case JsonValueKind.Array:
                    writer.WriteStartArray();
                    foreach (var item in element.EnumerateArray()) Write(writer, item, name, secret);
                    writer.WriteEndArray();
                    break;
                case JsonValueKind.String when name != null && name.IndexOf("password", StringComparison.OrdinalIgnoreCase) >= 0:
                    writer.WriteStringValue(Mask);
                    break;
                case JsonValueKind.String:
                    var text = element.GetString()!;
                    writer.WriteStringValue(Scrub(text.IndexOf("://", StringComparison.Ordinal) >= 0 ? MaskUrl(text)! : text, secret));
                    break;
                default:
                    element.WriteTo(writer);
                    break;
            }
        }
    }
}
