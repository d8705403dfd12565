using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace S3M.Streaming;

/// <summary>
/// Keeps streaming passwords out of everything a user sees: URLs with the password masked,
/// answers (Raw) with secret fields, URL passwords and the cluster's password replaced. Every
/// rule fails closed: when a text cannot be read with certainty, more is masked, never less.
/// </summary>
public static class Secrets
{
    public const string Mask = "****";

    /// <summary>
    /// <c>amqps://user:****@host:443</c>: the URL with its password masked, and the values of
    /// query parameters with secret names (<c>?password=****</c>). A password may hold any
    /// character ('/', '?', '#', '@', ':'), so the userinfo is all that lies between "://" (or
    /// the start, when there is none) and the last '@' of the text. What follows its first ':'
    /// is masked; all of it is, when there is no ':', nothing after it, or a "user" that no URL
    /// could hold. A URL with '@' in its path or query is masked further than it needs to be.
    /// </summary>
    public static string? MaskUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return url;
        }

        var at = url!.LastIndexOf('@');
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (at < 0)
        {
            return MaskQuery(url, scheme < 0 ? 0 : scheme + 3);
        }

        var start = scheme >= 0 && scheme < at ? scheme + 3 : 0;
        var colon = url.IndexOf(':', start, at - start);
        var keepUser = colon >= 0 && colon + 1 < at && IsUserName(url, start, colon);
        return url.Substring(0, keepUser ? colon + 1 : start) + Mask + MaskQuery(url.Substring(at), 0);
    }

    /// <summary>Whether url[start..end) is made only of what RFC 3986 allows in a user name (unreserved, sub-delims, %).</summary>
    private static bool IsUserName(string url, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            var c = url[i];
            if (c > 0x7E || !(char.IsLetterOrDigit(c) || "-._~!$&'()*+,;=%".IndexOf(c) >= 0))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The text with the value of every query parameter whose name is secret masked (<c>?password=****&amp;db=0</c>).</summary>
    private static string MaskQuery(string text, int from)
    {
        var query = text.IndexOf('?', from);
        if (query < 0)
        {
            return text;
        }

        var end = text.IndexOf('#', query);
        if (end < 0)
        {
            end = text.Length;
        }

        var result = new StringBuilder(text.Length);
        result.Append(text, 0, query + 1);
        for (var start = query + 1; start <= end;)
        {
            var stop = text.IndexOfAny(new[] { '&', ';', '#' }, start);
            if (stop < 0 || stop > end)
            {
                stop = end;
            }

            var equals = text.IndexOf('=', start, stop - start);
            var secret = equals > start && IsSecretName(Uri.UnescapeDataString(text.Substring(start, equals - start)));
            result.Append(text, start, (secret ? equals + 1 : stop) - start);
            if (secret)
            {
                result.Append(Mask);
            }

            if (stop < end)
            {
                result.Append(text[stop]);
            }

            start = stop + 1;
        }
        return result.Append(text, end, text.Length - end).ToString();
    }

    /// <summary>Names that hold secrets: password, passwd, pwd, secret, token, credential, auth..., a key (apiKey).</summary>
    internal static bool IsSecretName(string name)
    {
        var n = name.ToLowerInvariant();
        foreach (var word in new[] { "pass", "pwd", "secret", "token", "credential", "auth" })
        {
            if (n.IndexOf(word, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return n.EndsWith("key", StringComparison.Ordinal);
    }

    /// <summary>
    /// A copy of <paramref name="answer"/> in which every value under a secret name (of any
    /// kind: a string, a number, an object) is masked, every string is masked as a URL would be,
    /// and <paramref name="secret"/> (the cluster's password), as it is and percent-encoded,
    /// is masked wherever else it appears.
    /// </summary>
    public static JsonElement Redact(JsonElement answer, string? secret = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, answer, secret);
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        return document.RootElement.Clone();
    }

    // A password of a few characters would match ordinary words too; the rules above still mask it in its places.
    private const int MinimumScrubbedLength = 4;

    private static string Scrub(string text, string? secret)
    {
        if (secret == null || secret.Length < MinimumScrubbedLength)
        {
            return text;
        }

        return text.Replace(secret, Mask).Replace(Uri.EscapeDataString(secret), Mask);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element, string? secret)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(Scrub(property.Name, secret));
                    if (IsSecretName(property.Name))
                    {
                        writer.WriteStringValue(Mask);
                    }
                    else
                    {
                        Write(writer, property.Value, secret);
                    }
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item, secret);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(Scrub(MaskUrl(element.GetString())!, secret));
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
