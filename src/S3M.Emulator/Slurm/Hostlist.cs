using System.Globalization;

namespace S3M.Emulator.Slurm;

/// <summary>Slurm's compressed node lists: "odo01", "odo[01-03,05]".</summary>
internal static class Hostlist
{
    /// <summary>Node names that share a prefix and a two-digit number, written as Slurm writes them.</summary>
    public static string Format(string prefix, IEnumerable<int> numbers)
    {
        var sorted = numbers.Distinct().Order().ToList();
        if (sorted.Count == 0)
        {
            return "";
        }

        if (sorted.Count == 1)
        {
            return NodeName(prefix, sorted[0]);
        }

        var ranges = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            ranges.Add(i == j ? Two(sorted[i]) : $"{Two(sorted[i])}-{Two(sorted[j])}");
            i = j + 1;
        }

        return $"{prefix}[{string.Join(",", ranges)}]";
    }

    public static string NodeName(string prefix, int number) => prefix + Two(number);

    private static string Two(int number) => number.ToString("00", CultureInfo.InvariantCulture);
}
