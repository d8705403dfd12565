using System;
using S3M.Transport;

namespace S3M.Slurm;

/// <summary>
/// <c>sbatch --begin</c> times, read as Slurm's parse_time reads them: <c>HH:MM[:SS] [AM|PM]</c>,
/// <c>YYYY-MM-DD[THH:MM[:SS]]</c>, <c>MM/DD[/YY][-HH:MM[:SS]]</c>, <c>MMDD[YY]</c>, <c>MM.DD[.YY]</c>,
/// <c>now[+|-count[seconds|minutes|hours|days|weeks]]</c>, <c>today</c>, <c>tomorrow</c>,
/// <c>midnight</c>, <c>noon</c>, <c>elevenses</c>, <c>fika</c>, <c>teatime</c>. Times are in the
/// clock's offset, as sbatch reads them in the submitting machine's zone.
/// </summary>
internal static class BeginTime
{
    private static readonly (string Word, int Hour)[] NamedHours =
        { ("midnight", 0), ("noon", 12), ("elevenses", 11), ("fika", 15), ("teatime", 16) };

    // Longest names first, so "minutes" is not read as "minute" plus a stray "s".
    private static readonly (string Word, long Seconds)[] Units =
    {
        ("seconds", 1), ("second", 1), ("minutes", 60), ("minute", 60), ("hours", 3600), ("hour", 3600),
        ("days", 86400), ("day", 86400), ("weeks", 604800), ("week", 604800),
    };

    /// <summary>Unix seconds of <paramref name="text"/>, read at <paramref name="now"/>.</summary>
    public static long Parse(string text, DateTimeOffset now)
    {
        var s = text.Trim().ToLowerInvariant();
        int? year = null, month = null, day = null, hour = null, minute = null, second = null;
        var pos = 0;
        while (pos < s.Length)
        {
            if (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '-') { pos++; continue; }
            if (Word(s, ref pos, "today")) { SetDate(now); continue; }
            if (Word(s, ref pos, "tomorrow")) { SetDate(now.AddDays(1)); continue; }
            if (Word(s, ref pos, "now"))
            {
                DateTimeOffset later;
                try { later = now.AddSeconds(Delta(s, ref pos, text)); }
                catch (ArgumentOutOfRangeException) { throw Bad(text); }
                SetDate(later);
                (hour, minute, second) = (later.Hour, later.Minute, later.Second);
                continue;
            }
            if (NamedHour(s, ref pos, out var named)) { (hour, minute, second) = (named, 0, 0); continue; }
            if (s[pos] == 't') { pos++; continue; } // the T in 2026-12-01T10:00
            if (!Digits.Is(s[pos]))
            {
                throw Bad(text);
            }

            if (At(s, pos + 1) == ':' || At(s, pos + 2) == ':')
            {
                var (h, m, sec) = ReadClock(s, ref pos, text);
                (hour, minute, second) = (h, m, sec);
            }
            else
            {
                var (y, mo, d) = ReadDate(s, ref pos, text);
                (year, month, day) = (y, mo, d);
            }
        }

        if (hour == null && month == null)
        {
            throw Bad(text);
        }

        if (hour == null)
        {
            (hour, minute, second) = (0, 0, 0);
        }

        if (month == null)
        {
            // A time alone means its next occurrence: today if still ahead, else tomorrow.
            var ahead = hour > now.Hour || (hour == now.Hour && minute > now.Minute);
            SetDate(ahead ? now : now.AddDays(1));
        }
        if (year == null)
        {
            // A date without a year means its next occurrence.
            var ahead = Compare(month!.Value, day!.Value, hour!.Value, minute!.Value, now) > 0;
            year = ahead ? now.Year : now.Year + 1;
        }

        DateTimeOffset result;
        try { result = new DateTimeOffset(year.Value, month!.Value, day!.Value, hour!.Value, minute!.Value, second!.Value, now.Offset); }
        catch (ArgumentOutOfRangeException) { throw new BadValue($"'{S3mRoutes.Printable(text)}' is not a date that exists."); }
        var seconds = result.ToUnixTimeSeconds();
        if (seconds < 0)
        {
            throw new BadValue($"'{S3mRoutes.Printable(text)}' is before 1970.");
        }

        return seconds;

        void SetDate(DateTimeOffset t) => (year, month, day) = (t.Year, t.Month, t.Day);
    }

    private static bool NamedHour(string s, ref int pos, out int hour)
    {
        foreach (var named in NamedHours)
        {
            if (Word(s, ref pos, named.Word)) { hour = named.Hour; return true; }
        }

        hour = 0;
        return false;
    }

    private static int Compare(int month, int day, int hour, int minute, DateTimeOffset now) =>
        (month, day, hour, minute).CompareTo((now.Month, now.Day, now.Hour, now.Minute));

    /// <summary>The signed offset after "now", in seconds; none means zero.</summary>
    private static long Delta(string s, ref int pos, string text)
    {
        SkipBlanks(s, ref pos);
        if (pos >= s.Length)
        {
            return 0;
        }

        var sign = s[pos] == '+' ? 1 : s[pos] == '-' ? -1 : throw Bad(text);
        pos++;
        SkipBlanks(s, ref pos);
        var start = pos;
        while (pos < s.Length && Digits.Is(s[pos]))
        {
            pos++;
        }

        if (pos == start || pos - start > 12)
        {
            throw Bad(text);
        }

        var count = long.Parse(s.Substring(start, pos - start), System.Globalization.CultureInfo.InvariantCulture);
        SkipBlanks(s, ref pos);
        foreach (var unit in Units)
        {
            if (Word(s, ref pos, unit.Word))
            {
                return sign * count * unit.Seconds;
            }
        }

        return sign * count;
    }

    /// <summary>HH:MM[:SS] with an optional AM/PM.</summary>
    private static (int, int, int) ReadClock(string s, ref int pos, string text)
    {
        var hour = Number(s, ref pos, 1, 2, text);
        Expect(s, ref pos, ':', text);
        var minute = Number(s, ref pos, 2, 2, text);
        var second = 0;
        if (At(s, pos) == ':')
        {
            pos++;
            second = Number(s, ref pos, 2, 2, text);
        }
        if (hour > 23 || minute > 59 || second > 59)
        {
            throw Bad(text);
        }

        var mark = pos;
        SkipBlanks(s, ref pos);
        if (Word(s, ref pos, "pm"))
        {
            if (hour > 12)
            {
                throw Bad(text);
            }

            if (hour < 12)
            {
                hour += 12;
            }
        }
        else if (Word(s, ref pos, "am"))
        {
            if (hour > 12)
            {
                throw Bad(text);
            }

            if (hour == 12)
            {
                hour = 0;
            }
        }
        else
        {
            pos = mark;
        }

        return (hour, minute, second);
    }

    /// <summary>YYYY-MM-DD, or MM[./]DD[[./]YY] (a two-digit year is 20YY); the year may be absent.</summary>
    private static (int?, int, int) ReadDate(string s, ref int pos, string text)
    {
        if (At(s, pos + 4) == '-' && At(s, pos + 7) == '-')
        {
            var y = Number(s, ref pos, 4, 4, text);
            Expect(s, ref pos, '-', text);
            var m = Number(s, ref pos, 2, 2, text);
            Expect(s, ref pos, '-', text);
            var d = Number(s, ref pos, 1, 2, text);
            return (y, Month(m, text), Day(d, text));
        }
        var month = Month(Number(s, ref pos, 1, 2, text), text);
        if (At(s, pos) == '.' || At(s, pos) == '/')
        {
            pos++;
        }

        var day = Day(Number(s, ref pos, 1, 2, text), text);
        if (At(s, pos) == '.' || At(s, pos) == '/')
        {
            pos++;
        }

        int? year = Digits.Is(At(s, pos)) ? 2000 + Number(s, ref pos, 2, 2, text) : (int?)null;
        return (year, month, day);
    }

    private static int Month(int month, string text) => month >= 1 && month <= 12 ? month : throw Bad(text);

    private static int Day(int day, string text) => day >= 1 && day <= 31 ? day : throw Bad(text);

    private static int Number(string s, ref int pos, int min, int max, string text)
    {
        var start = pos;
        while (pos < s.Length && pos - start < max && Digits.Is(s[pos]))
        {
            pos++;
        }

        if (pos - start < min)
        {
            throw Bad(text);
        }

        return int.Parse(s.Substring(start, pos - start), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Expect(string s, ref int pos, char c, string text)
    {
        if (At(s, pos) != c)
        {
            throw Bad(text);
        }

        pos++;
    }

    private static bool Word(string s, ref int pos, string word)
    {
        if (string.CompareOrdinal(s, pos, word, 0, word.Length) != 0)
        {
            return false;
        }

        pos += word.Length;
        return true;
    }

    private static void SkipBlanks(string s, ref int pos)
    {
        while (pos < s.Length && (s[pos] == ' ' || s[pos] == '\t'))
        {
            pos++;
        }
    }

    private static char At(string s, int pos) => pos < s.Length ? s[pos] : '\0';

    private static BadValue Bad(string text) => new BadValue(
        $"'{S3mRoutes.Printable(text)}' is not a Slurm begin time: use e.g. 2026-12-01T10:00, 16:00, tomorrow, midnight or now+1hour.");
}
