using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using S3M.Transport;

namespace S3M.Slurm;

/// <summary>
/// Turns a value given for a job field (from a parameter, a hashtable or a script) into what
/// the description stores: long, string, bool, string[], <see cref="NodeCount"/> or
/// <see cref="SlurmUnlimited"/>. Throws <see cref="BadValue"/> with the rule it broke.
/// </summary>
internal static class FieldValues
{
    /// <summary>A gRPC gateway takes 4 MiB per message by default; a larger script would not get through.</summary>
    public const int MaxScriptBytes = 4 * 1024 * 1024;

    // The OpenAPI documents write the number of the uint32 wrappers as int32.
    private const long MaxNumber32 = int.MaxValue;

    // Slurm keeps 0xFFFE and 0xFFFF of its 16-bit numbers for "unset" and "infinite".
    private const long MaxNumber16 = 0xFFFD;

    public static object Convert(string name, FieldKind kind, object value, Func<DateTimeOffset> clock)
    {
        switch (kind)
        {
            case FieldKind.Text: return Bounded(Text(value), JobFields.MaxTextBytes(name));
            case FieldKind.Count: return Range(Integer(value), 0, int.MaxValue);
            case FieldKind.Flag: return Flag(value);
            case FieldKind.Environment: return EnvironmentList(value);
            case FieldKind.Script: return Script(value);
            case FieldKind.NodeRange: return NodeCount.Parse(value);
            case FieldKind.Minutes:
                var minutes = Minutes(value);
                // "0" is sbatch's word for no limit, which ParseMinutes follows; a number 0 is ambiguous.
                if (name == "time_limit" && minutes is long zero && zero == 0)
                {
                    throw new BadValue("is 0 minutes: Slurm's sbatch reads a time limit of 0 as no limit at all. Give UNLIMITED for that, or a time of a minute or more.");
                }

                return minutes;
            case FieldKind.MiB: return value is string size ? SlurmMemory.ParseMiB(size) : Range(Integer(value), 0, long.MaxValue);
            case FieldKind.UnixTime: return UnixTime(value, clock);
            case FieldKind.Number32:
                if (value is string top && top.Trim().Equals("TOP", StringComparison.OrdinalIgnoreCase))
                {
                    throw new BadValue($"TOP (Slurm's highest priority, {uint.MaxValue - 2}) does not fit the API's priority number, a 32-bit signed integer; give a number from 0 to {MaxNumber32}.");
                }

                return Range(Integer(value), 0, MaxNumber32);
            default: return Range(Integer(value), 0, MaxNumber16);
        }
    }

    /// <summary>One environment entry "NAME=value", checked.</summary>
    public static string Entry(string name, string value)
    {
        if (!IsVariableName(name))
        {
            throw new BadValue($"'{S3mRoutes.Printable(name)}' is not an environment variable name (letters, digits and _, not starting with a digit).");
        }

        if (value.IndexOf('\0') >= 0 || HasLoneSurrogate(value))
        {
            throw new BadValue($"the value of {name} holds a NUL or broken Unicode.");
        }

        return name + "=" + value;
    }

    public static bool IsVariableName(string name) =>
        name.Length > 0 && !Digits.Is(name[0]) && name.All(c => c == '_' || Digits.Is(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));

    public static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }
        return false;
    }

    private static string Text(object value)
    {
        if (!(value is string text))
        {
            throw new BadValue($"takes a string, not {TypeName(value)}.");
        }

        if (text.Any(c => c < ' ' || c == '\u007F') || HasLoneSurrogate(text))
        {
            throw new BadValue($"'{S3mRoutes.Printable(text)}' holds control characters or broken Unicode.");
        }

        return text;
    }

    /// <summary>slurmctld refuses a longer text (ESLURM_PATHNAME_TOO_LONG, 2012); refused here, nothing is sent.</summary>
    private static string Bounded(string text, int maxBytes)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > maxBytes)
        {
            throw new BadValue($"is {bytes} bytes in UTF-8; Slurm takes at most {maxBytes} in this field and refuses the job otherwise.");
        }

        return text;
    }

    private static string Script(object value)
    {
        if (!(value is string text))
        {
            throw new BadValue($"takes the script's text, not {TypeName(value)}.");
        }

        if (text.IndexOf('\0') >= 0)
        {
            throw new BadValue("holds a NUL character: it is not a text script.");
        }

        if (HasLoneSurrogate(text))
        {
            throw new BadValue("holds broken Unicode (a lone surrogate): it is not a text script.");
        }

        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > MaxScriptBytes)
        {
            throw new BadValue($"is {bytes} bytes; the gateway takes at most 4 MiB in one request, so S3M does not send it.");
        }
        // A byte-order mark before "#!" stops the kernel from finding the interpreter.
        return text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
    }

    private static bool Flag(object value)
    {
        switch (value)
        {
            case bool b: return b;
            case string s when s.Trim() == "1" || s.Trim().Equals("true", StringComparison.OrdinalIgnoreCase): return true;
            case string s when s.Trim() == "0" || s.Trim().Equals("false", StringComparison.OrdinalIgnoreCase): return false;
            case int i when i == 0 || i == 1: return i == 1;
            case long l when l == 0 || l == 1: return l == 1;
            default: throw new BadValue($"'{Show(value)}' is not a yes/no value: use $true, $false, 1 or 0.");
        }
    }

    private static object Minutes(object value)
    {
        switch (value)
        {
            case SlurmUnlimited unlimited: return unlimited;
            case string text: return SlurmTime.ParseMinutes(text);
            case TimeSpan span:
                if (span == TimeSpan.MaxValue)
                {
                    return SlurmUnlimited.Value;
                }

                if (span < TimeSpan.Zero)
                {
                    throw new BadValue($"'{span}' is negative.");
                }
                // Whole minutes, rounding up as Slurm does for M:S.
                var minutes = span.Ticks / TimeSpan.TicksPerMinute + (span.Ticks % TimeSpan.TicksPerMinute > 0 ? 1 : 0);
                return Range(minutes, 0, MaxNumber32);
            default: return Range(Integer(value), 0, MaxNumber32);
        }
    }

    private static long UnixTime(object value, Func<DateTimeOffset> clock)
    {
        switch (value)
        {
            case string text: return BeginTime.Parse(text, clock());
            case DateTimeOffset time: return Range(time.ToUnixTimeSeconds(), 0, long.MaxValue);
            case DateTime time:
                try { return Range(new DateTimeOffset(time).ToUnixTimeSeconds(), 0, long.MaxValue); }
                catch (ArgumentOutOfRangeException) { throw new BadValue($"'{time:O}' is outside the times a DateTimeOffset can hold here."); }
            default: return Range(Integer(value), 0, long.MaxValue);
        }
    }

    /// <summary>"K=V" strings, one string, or a dictionary; a name given twice keeps its last value.</summary>
    private static string[] EnvironmentList(object value)
    {
        IEnumerable<string> entries;
        switch (value)
        {
            case string one: entries = new[] { one }; break;
            case IDictionary map:
                // Sorted: a hashtable's order changes from run to run, a body should not.
                entries = map.Keys.Cast<object>()
                    .Select(k => (Key: System.Convert.ToString(k, CultureInfo.InvariantCulture) ?? "", Value: map[k]))
                    .OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => p.Key + "=" + (p.Value is string s ? s : System.Convert.ToString(p.Value, CultureInfo.InvariantCulture)))
                    .ToArray();
                break;
            case IEnumerable list:
                entries = list.Cast<object?>().Select(item => item as string ?? throw new BadValue($"holds {TypeName(item)}; each entry is a \"NAME=value\" string.")).ToArray();
                break;
            default: throw new BadValue($"takes \"NAME=value\" strings or a hashtable, not {TypeName(value)}.");
        }

        var result = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var equals = entry.IndexOf('=');
            if (equals < 0)
            {
                throw new BadValue($"'{S3mRoutes.Printable(entry)}' is not NAME=value.");
            }

            var checkedEntry = Entry(entry.Substring(0, equals), entry.Substring(equals + 1));
            var name = entry.Substring(0, equals);
            if (index.TryGetValue(name, out var at))
            {
                result[at] = checkedEntry;
            }
            else { index[name] = result.Count; result.Add(checkedEntry); }
        }
        if (result.Count == 0)
        {
            throw new BadValue($"is empty; give NAME=value entries, or none at all for the default ({SlurmJobDescription.DefaultEnvironment}).");
        }

        return result.ToArray();
    }

    /// <summary>A whole number from any integral type, an integral double or a decimal string.</summary>
    public static long Integer(object value)
    {
        switch (value)
        {
            case int or long or short or byte or sbyte or ushort or uint:
                return System.Convert.ToInt64(value, CultureInfo.InvariantCulture);
            case ulong u: return u <= long.MaxValue ? (long)u : throw new BadValue($"'{u}' is too large.");
            case double or float or decimal:
                // NaN, infinities and numbers beyond decimal's range fail the conversion: not whole numbers either.
                try
                {
                    var d = System.Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                    if (d == decimal.Truncate(d) && d >= long.MinValue && d <= long.MaxValue)
                    {
                        return (long)d;
                    }
                }
                catch (OverflowException) { }
                break;
            case string text:
                var t = text.Trim();
                var digits = t.StartsWith("-", StringComparison.Ordinal) ? t.Substring(1) : t;
                if (Digits.All(digits) && digits.Length <= 18)
                {
                    return long.Parse(t, CultureInfo.InvariantCulture);
                }

                if (Digits.All(digits))
                {
                    throw new BadValue($"'{S3mRoutes.Printable(text)}' is too large.");
                }

                throw new BadValue($"'{S3mRoutes.Printable(text)}' is not a whole number.");
            default: throw new BadValue($"takes a whole number, not {TypeName(value)}.");
        }
        throw new BadValue($"'{Show(value)}' is not a whole number.");
    }

    public static long Range(long number, long min, long max) =>
        number >= min && number <= max ? number : throw new BadValue($"'{number}' is not a whole number from {min} to {max}.");

    private static string Show(object? value) => S3mRoutes.Printable(System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");

    private static string TypeName(object? value) => value == null ? "null" : value.GetType().Name;
}
