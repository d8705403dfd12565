using System;
using System.Text.Json;
using S3M.Transport;

namespace S3M.Slurm;

/// <summary>
/// Slurm's number shapes, read into plain values: a bare number, a string-encoded 64-bit
/// number, or a wrapper <c>{"set","infinite","number"}</c> with any key missing. A wrapper
/// that is not set reads as null; an infinite one as <see cref="long.MaxValue"/>.
/// </summary>
internal static class SlurmJson
{
    public const long Infinite = long.MaxValue;

    public static long? Number(this JsonElement element, string name) => Number(element.Field(name));

    public static long? Number(JsonElement? value)
    {
        if (value == null)
        {
            return null;
        }

        var v = value.Value;
        if (v.ValueKind != JsonValueKind.Object)
        {
            return GatewayJson.AsInt64(v);
        }

        if (v.Bool("infinite"))
        {
            return Infinite;
        }
        // "set" left out is protobuf's false; but a wrapper carrying a number without "set"
        // (seen from older plugins) still means that number.
        var number = v.Int64("number");
        var set = v.Field("set");
        if (set != null && set.Value.ValueKind == JsonValueKind.False)
        {
            return null;
        }

        return number ?? (set != null && set.Value.ValueKind == JsonValueKind.True ? 0 : (long?)null);
    }

    /// <summary>A Unix time (number or wrapper); 0 and unset mean "no time".</summary>
    public static DateTimeOffset? UnixTime(this JsonElement element, string name) => GatewayJson.FromUnixSeconds(element.Number(name));

    /// <summary>A duration slurmrestd gives in microseconds; negative, unset or infinite reads as null.</summary>
    internal static TimeSpan? Microseconds(this JsonElement element, string name)
    {
        var microseconds = element.Number(name);
        return microseconds.HasValue && microseconds.Value >= 0 && microseconds.Value != Infinite ? TimeSpan.FromTicks(microseconds.Value * 10) : (TimeSpan?)null;
    }

    /// <summary>A number of minutes as a time span; unlimited as <see cref="TimeSpan.MaxValue"/>.</summary>
    public static TimeSpan? Minutes(this JsonElement element, string name)
    {
        var minutes = element.Number(name);
        if (minutes == null)
        {
            return null;
        }

        if (minutes.Value == Infinite || minutes.Value >= uint.MaxValue - 1)
        {
            return TimeSpan.MaxValue;
        }

        return TimeSpan.FromMinutes(minutes.Value);
    }

    /// <summary>An int for counts and IDs, or null when absent, unset, infinite or out of range.</summary>
    public static int? Int(this JsonElement element, string name)
    {
        var n = element.Number(name);
        return n.HasValue && n.Value >= int.MinValue && n.Value <= int.MaxValue ? (int)n.Value : (int?)null;
    }

    /// <summary>A string, or a flag array's words joined (Slurm moved several fields from one to the other).</summary>
    public static string? Text(this JsonElement element, string name)
    {
        var value = element.Field(name);
        if (value?.ValueKind == JsonValueKind.Array)
        {
            var words = element.Strings(name);
            return words.Length == 0 ? null : string.Join(",", words);
        }
        return element.NonEmptyString(name);
    }

    /// <summary>A list that Slurm writes as an array in one version and a comma-separated string in another.</summary>
    public static string[] List(this JsonElement element, string name)
    {
        var value = element.Field(name);
        if (value?.ValueKind == JsonValueKind.Array)
        {
            return element.Strings(name);
        }

        var text = element.NonEmptyString(name);
        return text == null ? Array.Empty<string>() : text.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries);
    }
}
