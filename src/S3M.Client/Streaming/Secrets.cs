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

        /// <summary><c>amqps://user:****@host:443</c>: the URL with its password masked; other URLs unchanged.</summary>
        public static string? MaskUrl(string? url)
        {
            if (string.IsNullOrEmpty(url)) return url;
            var scheme = url!.IndexOf("://", StringComparison.Ordinal);
            if (scheme < 0) return url;
            var authorityEnd = url.IndexOfAny(new[] { '/', '?', '#' }, scheme + 3);
            var at = url.LastIndexOf('@', authorityEnd < 0 ? url.Length - 1 : authorityEnd - 1);
            if (at <= scheme) return url;
            var colon = url.IndexOf(':', scheme + 3, at - scheme - 3);
            if (colon < 0) return url;
            return url.Substring(0, colon + 1) + Mask + url.Substring(at);
        }

        /// <summary>A copy of <paramref name="answer"/> with every <c>password</c> masked and every URL's password masked.</summary>
        public static JsonElement Redact(JsonElement answer)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream)) Write(writer, answer, null);
            using var document = JsonDocument.Parse(stream.ToArray());
            return document.RootElement.Clone();
        }

        private static void Write(Utf8JsonWriter writer, JsonElement element, string? name)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    writer.WriteStartObject();
                    foreach (var property in element.EnumerateObject())
                    {
                        writer.WritePropertyName(property.Name);
                        Write(writer, property.Value, property.Name);
                    }
                    writer.WriteEndObject();
                    break;
                case JsonValueKind.Array:
                    writer.WriteStartArray();
                    foreach (var item in element.EnumerateArray()) Write(writer, item, name);
                    writer.WriteEndArray();
                    break;
                case JsonValueKind.String when name != null && name.IndexOf("password", StringComparison.OrdinalIgnoreCase) >= 0:
                    writer.WriteStringValue(Mask);
                    break;
                case JsonValueKind.String:
                    writer.WriteStringValue(MaskUrl(element.GetString()));
                    break;
                default:
                    element.WriteTo(writer);
                    break;
            }
        }
    }
}
