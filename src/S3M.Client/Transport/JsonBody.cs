using System;
using System.Collections;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace S3M.Transport;

/// <summary>
/// Writes a request body from plain .NET values: dictionaries, lists, strings, numbers,
/// booleans, times. Callers hand it values already free of any host wrapper, so the
/// client stays ignorant of where they came from.
/// </summary>
internal static class JsonBody
{
    private const int MaxDepth = 32;
    private const string UtcFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    /// <summary>JSON text for <paramref name="value"/>; a string is taken as JSON text and checked.</summary>
    public static string From(object? value, string parameterName)
    {
        if (value is string text)
        {
            try { using (JsonDocument.Parse(text)) { } }
            catch (JsonException e) { throw S3mException.InvalidArgument(parameterName, $"is a string but not valid JSON: {e.Message}"); }
            catch (ArgumentException) { throw NotUnicode(parameterName); }
            return text;
        }
        using var stream = new MemoryStream();
        try
        {
            using var writer = new Utf8JsonWriter(stream);
            Write(writer, value, parameterName, 0);
        }
        catch (ArgumentException)
        {
            throw NotUnicode(parameterName);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    // Lone surrogates cannot be written as UTF-8 JSON; say so instead of leaking the encoder's words.
    private static S3mException NotUnicode(string parameterName) =>
        S3mException.InvalidArgument(parameterName, "holds text that is not valid Unicode (a lone surrogate); it cannot be sent as JSON.");

    private static void Write(Utf8JsonWriter writer, object? value, string parameterName, int depth)
    {
        if (depth > MaxDepth)
        {
            throw S3mException.InvalidArgument(parameterName, $"is nested more than {MaxDepth} levels deep (a cycle?).");
        }

        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case char c: writer.WriteStringValue(c.ToString()); break;
            case int or long or short or byte or sbyte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case ulong u: writer.WriteNumberValue(u); break;
            case float or double or decimal:
                writer.WriteNumberValue(Convert.ToDecimal(value, CultureInfo.InvariantCulture)); break;
            case DateTimeOffset t: writer.WriteStringValue(t.ToUniversalTime().ToString(UtcFormat, CultureInfo.InvariantCulture)); break;
            case DateTime t: writer.WriteStringValue(t.ToUniversalTime().ToString(UtcFormat, CultureInfo.InvariantCulture)); break;
            case Guid g: writer.WriteStringValue(g.ToString()); break;
            case Enum e: writer.WriteStringValue(e.ToString()); break;
            case JsonElement element: element.WriteTo(writer); break;
            case IDictionary map:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in map)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "");
                    Write(writer, entry.Value, parameterName, depth + 1);
                }
                writer.WriteEndObject();
                break;
            case IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    Write(writer, item, parameterName, depth + 1);
                }

                writer.WriteEndArray();
                break;
            default:
                throw S3mException.InvalidArgument(parameterName, $"holds a value of type {value.GetType().FullName}, which has no JSON form; use hashtables, arrays, strings, numbers and booleans.");
        }
    }
}
