using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace S3M.Transport;

/// <summary>
/// Reads the gateway's JSON dialect: 64-bit numbers as strings, zero fields left out,
/// RFC 3339 times with or without fractions, unknown fields ignored (they stay in Raw).
/// Every reader answers null for a missing or mistyped field instead of throwing: S3M's
/// fields grow and move without notice, and one odd field must not lose a whole answer.
/// </summary>
internal static class GatewayJson
{
    public static JsonElement? Field(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value : (JsonElement?)null;

    public static string? String(this JsonElement element, string name)
    {
        var value = element.Field(name);
        if (value == null)
        {
            return null;
        }

        switch (value.Value.ValueKind)
        {
            case JsonValueKind.String: return value.Value.GetString();
            case JsonValueKind.Number: return value.Value.GetRawText();
            case JsonValueKind.True: return "true";
            case JsonValueKind.False: return "false";
            default: return null;
        }
    }

    /// <summary>A string that is absent or empty reads as null (the gateway omits "").</summary>
    public static string? NonEmptyString(this JsonElement element, string name)
    {
        var text = element.String(name);
        return string.IsNullOrEmpty(text) ? null : text;
    }

    public static long? Int64(this JsonElement element, string name) => AsInt64(element.Field(name));

    public static long? AsInt64(JsonElement? value)
    {
        if (value == null)
        {
            return null;
        }

        var v = value.Value;
        if (v.ValueKind == JsonValueKind.Number)
        {
            if (v.TryGetInt64(out var n))
            {
                return n;
            }

            return v.TryGetDouble(out var d) && d >= long.MinValue && d <= long.MaxValue ? (long)d : (long?)null;
        }
        if (v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        return null;
    }

    /// <summary>A boolean left out means false, as protobuf's JSON does.</summary>
    public static bool Bool(this JsonElement element, string name)
    {
        var value = element.Field(name);
        if (value == null)
        {
            return false;
        }

        if (value.Value.ValueKind == JsonValueKind.True)
        {
            return true;
        }

        return value.Value.ValueKind == JsonValueKind.String && bool.TryParse(value.Value.GetString(), out var b) && b;
    }

    public static DateTimeOffset? Time(this JsonElement element, string name)
    {
        var value = element.Field(name);
        if (value == null || value.Value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var text = value.Value.GetString();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return null;
        }
        // Protobuf's zero timestamp means "not set".
        return time.Year <= 1 || time == DateTimeOffset.FromUnixTimeSeconds(0) ? (DateTimeOffset?)null : time.ToUniversalTime();
    }

    /// <summary>Unix seconds as a time; 0, negative or past year 9999 mean "no time".</summary>
    internal static DateTimeOffset? FromUnixSeconds(long? seconds) =>
        seconds.HasValue && seconds.Value > 0 && seconds.Value < 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(seconds.Value) : (DateTimeOffset?)null;

    public static string[] Strings(this JsonElement element, string name)
    {
        var value = element.Field(name);
        if (value == null || value.Value.ValueKind != JsonValueKind.Array)
        {
            return Array.Empty<string>();
        }

        var list = new List<string>();
        foreach (var item in value.Value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                list.Add(item.GetString()!);
            }
        }

        return list.ToArray();
    }

    public static IEnumerable<JsonElement> Objects(this JsonElement element, string name)
    {
        var value = element.Field(name);
        if (value == null || value.Value.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var item in value.Value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                yield return item;
            }
        }
    }

    public static Dictionary<string, string> StringMap(this JsonElement element, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var value = element.Field(name);
        if (value == null || value.Value.ValueKind != JsonValueKind.Object)
        {
            return map;
        }

        foreach (var property in value.Value.EnumerateObject())
        {
            map[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }

        return map;
    }

    /// <summary>
    /// The answer as plain values for callers that show JSON without a model (the REST
    /// escape hatch): objects as ordered dictionaries, arrays as object[], numbers as long
    /// or double, strings as they came (64-bit numbers stay the strings S3M sent).
    /// </summary>
    public static object? ToPlain(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new System.Collections.Specialized.OrderedDictionary(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    map[property.Name] = ToPlain(property.Value);
                }

                return map;
            case JsonValueKind.Array:
                var list = new List<object?>();
                foreach (var item in element.EnumerateArray())
                {
                    list.Add(ToPlain(item));
                }

                return list.ToArray();
            case JsonValueKind.String: return element.GetString();
            case JsonValueKind.Number:
                if (element.TryGetInt64(out var integer))
                {
                    return integer;
                }

                return element.GetDouble();
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            default: return null;
        }
    }
}
