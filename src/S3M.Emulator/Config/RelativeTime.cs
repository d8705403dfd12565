using System.Globalization;
using System.Text.RegularExpressions;

namespace S3M.Emulator.Config;

/// <summary>Times in configuration: RFC 3339, or relative to the emulator's start ("+2h", "-30m", "+1d12h").</summary>
internal static partial class RelativeTime
{
    /// <summary>A duration such as "30d", "2h", "1d12h" or "90s".</summary>
    public static TimeSpan ParseDuration(string text) =>
        TryParseDuration(text, out var duration)
            ? duration
            : throw new InvalidDataException($"\"{text}\" is not a duration: use digits and units d, h, m, s, such as \"30d\" or \"1d12h\"");

    /// <summary>An instant: "+2h" or "-30m" from <paramref name="anchor"/>, or an absolute RFC 3339 time.</summary>
    public static DateTimeOffset ParseInstant(string text, DateTimeOffset anchor)
    {
        if (text.Length > 0 && (text[0] is '+' or '-') && TryParseDuration(text[1..], out var offset))
        {
            return text[0] == '+' ? anchor + offset : anchor - offset;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var absolute))
        {
            return absolute.ToUniversalTime();
        }

        throw new InvalidDataException($"\"{text}\" is not a time: use RFC 3339 or a relative time such as \"+2h\", \"-30m\", \"+3d\"");
    }

    private static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = DurationPattern().Match(text);
        for (var i = 0; match.Success && i < match.Groups[1].Captures.Count; i++)
        {
            var amount = int.Parse(match.Groups[1].Captures[i].Value, CultureInfo.InvariantCulture);
            duration += match.Groups[2].Captures[i].Value switch
            {
                "d" => TimeSpan.FromDays(amount),
                "h" => TimeSpan.FromHours(amount),
                "m" => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromSeconds(amount),
            };
        }

        return match.Success;
    }

    // \z, not $: "$" also matches before a final "\n".
    [GeneratedRegex(@"^(?:(\d{1,6})([dhms]))+\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DurationPattern();
}
