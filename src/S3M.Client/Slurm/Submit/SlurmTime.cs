using System.Globalization;
using S3M.Transport;

namespace S3M.Slurm;

/// <summary>Slurm's duration strings (<c>sbatch -t</c>), read as Slurm's time_str2mins reads them.</summary>
internal static class SlurmTime
{
    private const string Forms = "use M, M:S, H:M:S, D-H, D-H:M, D-H:M:S or UNLIMITED";

    /// <summary>Whole minutes (seconds round up, as Slurm does), or <see cref="SlurmUnlimited"/>.
    /// A limit of 0 means none, as sbatch reads it.</summary>
    public static object ParseMinutes(string text)
    {
        var s = text.Trim();
        if (s.Equals("UNLIMITED", System.StringComparison.OrdinalIgnoreCase) || s.Equals("INFINITE", System.StringComparison.OrdinalIgnoreCase))
        {
            return SlurmUnlimited.Value;
        }

        long days = 0;
        var dash = s.IndexOf('-');
        if (dash >= 0)
        {
            days = Part(s.Substring(0, dash), text);
            s = s.Substring(dash + 1);
        }
        var parts = s.Split(':');
        if (parts.Length > 3)
        {
            throw Bad(text);
        }

        long hours = 0, minutes = 0, seconds = 0;
        if (dash >= 0)
        {
            // D-H, D-H:M, D-H:M:S
            hours = Part(parts[0], text);
            if (parts.Length > 1)
            {
                minutes = Part(parts[1], text);
            }

            if (parts.Length > 2)
            {
                seconds = Part(parts[2], text);
            }
        }
        else if (parts.Length == 3)
        {
            hours = Part(parts[0], text);
            minutes = Part(parts[1], text);
            seconds = Part(parts[2], text);
        }
        else
        {
            // M or M:S
            minutes = Part(parts[0], text);
            if (parts.Length > 1)
            {
                seconds = Part(parts[1], text);
            }
        }

        long total;
        try { total = checked(((days * 24 + hours) * 60 + minutes) * 60 + seconds); }
        catch (System.OverflowException) { throw TooLong(text); }
        var whole = total / 60 + (total % 60 > 0 ? 1 : 0);
        if (whole > int.MaxValue)
        {
            throw TooLong(text);
        }

        return whole == 0 ? SlurmUnlimited.Value : (object)whole;
    }

    /// <summary>A duration as Slurm prints a time limit: 0:30:00, 1:00:00, 2-00:00:00.</summary>
    public static string Format(System.TimeSpan duration) =>
        duration.Days > 0
            ? string.Format(CultureInfo.InvariantCulture, "{0}-{1:00}:{2:00}:{3:00}", duration.Days, duration.Hours, duration.Minutes, duration.Seconds)
            : string.Format(CultureInfo.InvariantCulture, "{0}:{1:00}:{2:00}", duration.Hours, duration.Minutes, duration.Seconds);

    private static long Part(string part, string text)
    {
        if (!Digits.All(part))
        {
            throw Bad(text);
        }

        if (part.Length > 15)
        {
            throw TooLong(text);
        }

        return long.Parse(part, CultureInfo.InvariantCulture);
    }

    private static BadValue Bad(string text) => new BadValue($"'{S3mRoutes.Printable(text)}' is not a Slurm time: {Forms}.");

    private static BadValue TooLong(string text) => new BadValue($"'{S3mRoutes.Printable(text)}' is longer than Slurm can hold ({int.MaxValue} minutes); use UNLIMITED for no limit.");
}

/// <summary>ASCII digits only: <c>char.IsDigit</c> also takes other scripts' digits, which Slurm does not.</summary>
internal static class Digits
{
    public static bool All(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!Is(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool Is(char c) => c >= '0' && c <= '9';
}
