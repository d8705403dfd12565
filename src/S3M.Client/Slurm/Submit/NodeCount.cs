using System.Globalization;
using S3M.Transport;

namespace S3M.Slurm;

/// <summary>A node count as sbatch's <c>-N</c> takes it: <c>N</c> or <c>N-M</c>, kept as written for display.</summary>
internal sealed class NodeCount
{
    private NodeCount(long minimum, long maximum, string text)
    {
        Minimum = minimum;
        Maximum = maximum;
        Text = text;
    }

    public long Minimum { get; }
    public long Maximum { get; }
    public string Text { get; }

    public static NodeCount Parse(object value)
    {
        var text = value is string s ? s.Trim() : FieldValues.Integer(value).ToString(CultureInfo.InvariantCulture);
        var dash = text.IndexOf('-');
        var low = dash < 0 ? text : text.Substring(0, dash);
        var high = dash < 0 ? text : text.Substring(dash + 1);
        if (!Digits.All(low) || !Digits.All(high))
        {
            throw new BadValue($"'{S3mRoutes.Printable(text)}' is not a node count: use N or N-M with whole numbers, e.g. 2 or 2-4.");
        }

        var minimum = Count(low, text);
        var maximum = Count(high, text);
        if (minimum > maximum)
        {
            throw new BadValue($"'{S3mRoutes.Printable(text)}' has its minimum above its maximum.");
        }

        return new NodeCount(minimum, maximum, text);
    }

    private static long Count(string digits, string text)
    {
        var number = digits.Length > 10 ? long.MaxValue : long.Parse(digits, CultureInfo.InvariantCulture);
        if (number < 1 || number > int.MaxValue)
        {
            throw new BadValue($"'{S3mRoutes.Printable(text)}' is not a node count from 1 to {int.MaxValue}.");
        }

        return number;
    }
}
