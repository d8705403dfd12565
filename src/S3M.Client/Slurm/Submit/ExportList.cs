using System;
using System.Collections.Generic;
using System.Text;
using S3M.Transport;

namespace S3M.Slurm;

/// <summary>
/// <c>sbatch --export</c> as environment entries. The job runs far from this machine, so
/// nothing is exported implicitly: ALL only earns a warning, NONE leaves the default, and a
/// bare NAME takes its value from this process's environment now.
/// </summary>
internal static class ExportList
{
    /// <summary>The entries listed (none for ALL or NONE alone); <paramref name="warning"/> says when ALL was ignored.</summary>
    public static string[] Parse(string value, out string? warning)
    {
        warning = null;
        var entries = new List<string>();
        var items = Split(value);
        foreach (var item in items)
        {
            if (item.Length == 0)
            {
                continue;
            }

            if (item.Equals("ALL", StringComparison.OrdinalIgnoreCase))
            {
                warning = "--export=ALL has no meaning through S3M: this machine's environment is not sent, only the variables listed by name.";
                continue;
            }
            if (item.Equals("NONE", StringComparison.OrdinalIgnoreCase) || item.Equals("NIL", StringComparison.OrdinalIgnoreCase))
            {
                if (items.Count > 1)
                {
                    throw new BadValue($"{item} cannot be combined with other entries.");
                }

                continue;
            }
            var equals = item.IndexOf('=');
            if (equals >= 0)
            {
                entries.Add(FieldValues.Entry(item.Substring(0, equals), Unquote(item.Substring(equals + 1))));
                continue;
            }
            if (!FieldValues.IsVariableName(item))
            {
                throw new BadValue($"'{S3mRoutes.Printable(item)}' is not an environment variable name.");
            }

            var local = Environment.GetEnvironmentVariable(item)
                ?? throw new BadValue($"names {item}, which is not set here; give its value as {item}=value.");
            entries.Add(FieldValues.Entry(item, local));
        }
        return entries.ToArray();
    }

    /// <summary>Splits at commas outside quotes, as Slurm's find_quote_token does.</summary>
    private static List<string> Split(string value)
    {
        var items = new List<string>();
        var current = new StringBuilder();
        var quote = '\0';
        foreach (var c in value)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c == '"' || c == '\'')
            {
                quote = c;
            }
            else if (c == ',') { items.Add(current.ToString()); current.Clear(); continue; }
            current.Append(c);
        }
        if (quote != '\0')
        {
            throw new BadValue($"has an unmatched {quote}.");
        }

        items.Add(current.ToString());
        return items;
    }

    private static string Unquote(string text) =>
        text.Length >= 2 && (text[0] == '"' || text[0] == '\'') && text[text.Length - 1] == text[0]
            ? text.Substring(1, text.Length - 2)
            : text;
}
