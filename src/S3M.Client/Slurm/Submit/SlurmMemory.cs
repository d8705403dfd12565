using System;
using System.Globalization;
using System.Text.RegularExpressions;
using S3M.Transport;

namespace S3M.Slurm;

/// <summary>Slurm's memory sizes (<c>sbatch --mem</c>): a whole number with K, M, G or T (default M).</summary>
internal static class SlurmMemory
{
    private static readonly Regex Size = new Regex("^([0-9]+)(?:([KMGT])B?)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexLimit.MatchTimeout);

    /// <summary>The size in MiB; kibibytes round up, as Slurm's str_to_mbytes does.</summary>
    public static long ParseMiB(string text)
    {
        Match match;
        try { match = Size.Match(text.Trim()); }
        catch (RegexMatchTimeoutException) { match = Match.Empty; }
        if (!match.Success)
        {
            throw new BadValue($"'{S3mRoutes.Printable(text)}' is not a memory size: use a whole number with an optional K, M, G or T suffix (M when none), e.g. 4G.");
        }

        var digits = match.Groups[1].Value;
        try
        {
            var number = digits.Length > 18 ? throw new OverflowException() : long.Parse(digits, CultureInfo.InvariantCulture);
            switch (char.ToUpperInvariant(match.Groups[2].Success ? match.Groups[2].Value[0] : 'M'))
            {
                case 'K': return number / 1024 + (number % 1024 > 0 ? 1 : 0);
                case 'G': return checked(number * 1024);
                case 'T': return checked(number * 1024 * 1024);
                default: return number;
            }
        }
        catch (OverflowException)
        {
            throw new BadValue($"'{S3mRoutes.Printable(text)}' is more memory than Slurm can hold.");
        }
    }
}
