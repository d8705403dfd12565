using System;
using System.Collections.Generic;
using System.Text;
using S3M.Transport;

namespace S3M.Slurm;

/// <summary>
/// Walks the #SBATCH lines before the first command and applies each option, the way sbatch
/// does: later options win, quotes group, an unquoted # starts a comment. Unlike sbatch, an
/// option's value never comes from the next line, and stray words are reported, not dropped.
/// </summary>
internal sealed class DirectiveReader
{
    private const string Magic = "#SBATCH";

    private readonly SlurmJobDescription _job;
    private readonly bool _ignoreUnsupported;
    private readonly string _parameterName;
    private readonly Dictionary<string, int> _memoryLines = new Dictionary<string, int>(StringComparer.Ordinal);

    public DirectiveReader(SlurmJobDescription job, bool ignoreUnsupported, string parameterName)
    {
        _job = job;
        _ignoreUnsupported = ignoreUnsupported;
        _parameterName = parameterName;
    }

    public void Read(string script)
    {
        var number = 0;
        for (var start = 0; start < script.Length;)
        {
            var end = script.IndexOf('\n', start);
            if (end < 0)
            {
                end = script.Length;
            }

            var line = script.Substring(start, end - start);
            start = end + 1;
            number++;

            if (line.StartsWith(Magic, StringComparison.Ordinal))
            {
                ReadLine(number, line.Substring(Magic.Length));
                continue;
            }
            var text = line.Trim();
            if (text.Length > 0 && text[0] != '#')
            {
                return; // the first command ends the directives
            }
        }
    }

    private void ReadLine(int number, string text)
    {
        foreach (var c in text)
        {
            if ((c < ' ' && c != '\t' && c != '\r') || c == '\u007F' || c == '\uFFFD')
            {
                throw Error(number, "#SBATCH", "holds control characters or bytes that are not UTF-8 text; is this a text script?");
            }
        }
        List<string> tokens;
        try { tokens = Tokens(text); }
        catch (BadValue e) { throw Error(number, "#SBATCH", e.Message); }

        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            if (token.Length > 2 && token.StartsWith("--", StringComparison.Ordinal))
            {
                t = Long(number, tokens, t);
            }
            else if (token.Length > 1 && token[0] == '-' && token != "--")
            {
                t = Short(number, tokens, t);
            }
            else
            {
                Unsupported(number, token, $"S3M does not accept '{S3mRoutes.Printable(token)}' here: it is not an option (a value with blanks needs quotes)");
            }
        }
    }

    /// <summary>--name=value or --name value; returns the index of the last token used.</summary>
    private int Long(int number, List<string> tokens, int t)
    {
        var token = tokens[t];
        var equals = token.IndexOf('=');
        var written = equals < 0 ? token : token.Substring(0, equals);
        var value = equals < 0 ? null : token.Substring(equals + 1);
        var option = SbatchOptions.FindLong(written.Substring(2), out var ambiguous);
        if (option == null)
        {
            if (ambiguous.Length > 0)
            {
                throw Error(number, written, $"is ambiguous: it could be {string.Join(", ", ambiguous)}.");
            }

            Unsupported(number, token, $"S3M does not accept {S3mRoutes.Printable(written)} (not an sbatch option it knows)");
            return t;
        }
        if (value == null && option.Value == OptionValue.Required && ValueFollows(tokens, t))
        {
            value = tokens[++t];
        }

        Apply(number, option, value == null ? written : written + "=" + value, value);
        return t;
    }

    /// <summary>-X value, -Xvalue, or flags grouped as -Hk; returns the index of the last token used.</summary>
    private int Short(int number, List<string> tokens, int t)
    {
        var token = tokens[t];
        for (var i = 1; i < token.Length; i++)
        {
            var written = "-" + token[i];
            var option = SbatchOptions.FindShort(token[i]);
            if (option == null)
            {
                Unsupported(number, written, $"S3M does not accept {S3mRoutes.Printable(written)} (not an sbatch option it knows)");
                continue;
            }
            if (option.Value != OptionValue.Required)
            {
                Apply(number, option, written, null);
                continue;
            }
            var value = i + 1 < token.Length ? token.Substring(i + 1) : ValueFollows(tokens, t) ? tokens[++t] : null;
            Apply(number, option, value == null ? written : written + " " + value, value);
            break;
        }
        return t;
    }

    /// <summary>The next token is a value unless it looks like an option (a negative number is still a value, to be refused as one).</summary>
    private static bool ValueFollows(List<string> tokens, int t) =>
        t + 1 < tokens.Count && (!tokens[t + 1].StartsWith("-", StringComparison.Ordinal) || (tokens[t + 1].Length > 1 && Digits.Is(tokens[t + 1][1])));

    private void Apply(int number, SbatchOption option, string directive, string? value)
    {
        if (option.Field == null)
        {
            Unsupported(number, directive, $"S3M does not accept --{option.LongName}");
            return;
        }
        if (value == null)
        {
            throw Error(number, directive, "needs a value.");
        }

        try { Set(number, option.Field, value); }
        catch (BadValue e) { throw Error(number, directive, e.Message); }
    }

    private void Set(int number, string field, string value)
    {
        if (field == "environment")
        {
            var entries = ExportList.Parse(value, out var warning);
            if (warning != null)
            {
                _job.AddWarning($"line {number}: {warning}");
            }

            if (entries.Length == 0)
            {
                _job.Remove(field);
            }
            else
            {
                _job.Put(field, FieldKind.Environment, entries);
            }

            return;
        }
        JobFields.TryFind(field, out _, out var kind);
        // sbatch's "none" for a standard stream means discard it.
        if (field.StartsWith("standard_", StringComparison.Ordinal) && value.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            value = "/dev/null";
        }

        var converted = FieldValues.Convert(field, kind, value, _job.Clock);
        // sbatch refuses a count of 0 where the field itself would take it.
        if (kind == FieldKind.Count && (long)converted < 1)
        {
            throw new BadValue($"'{S3mRoutes.Printable(value)}' is not a whole number from 1 to {int.MaxValue}.");
        }

        if (field == "memory_per_node" || field == "memory_per_cpu")
        {
            var other = field == "memory_per_node" ? "memory_per_cpu" : "memory_per_node";
            if (_memoryLines.TryGetValue(other, out var line))
            {
                throw new BadValue($"--mem and --mem-per-cpu exclude each other (the other is on line {line}); Slurm takes one of them.");
            }

            _memoryLines[field] = number;
        }
        _job.Put(field, kind, converted);
    }

    private void Unsupported(int number, string directive, string reason)
    {
        if (!_ignoreUnsupported)
        {
            throw Error(number, directive, reason + "; remove it, or use -IgnoreUnsupportedDirective to skip it with a warning.");
        }

        _job.AddWarning($"line {number}: ignored {S3mRoutes.Printable(directive)}: {reason}.");
    }

    private S3mException Error(int number, string directive, string rule) =>
        S3mException.InvalidArgument(_parameterName, $"line {number} ({S3mRoutes.Printable(directive)}): {rule}");

    /// <summary>The line's arguments, as sbatch's _get_argument splits them.</summary>
    internal static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && IsBlank(text[i]))
            {
                i++;
            }

            if (i >= text.Length || text[i] == '#')
            {
                return tokens;
            }

            var token = new StringBuilder();
            var quote = '\0';
            while (i < text.Length && (quote != '\0' || !IsBlank(text[i])))
            {
                var c = text[i++];
                if (c == '\\')
                {
                    if (i < text.Length)
                    {
                        token.Append(text[i++]);
                    }
                }
                else if (quote != '\0')
                {
                    if (c == quote)
                    {
                        quote = '\0';
                    }
                    else
                    {
                        token.Append(c);
                    }
                }
                else if (c == '"' || c == '\'')
                {
                    quote = c;
                }
                else if (c == '#') { i = text.Length; break; } // the rest of the line is a comment
                else
                {
                    token.Append(c);
                }
            }
            if (quote != '\0')
            {
                throw new BadValue($"has an unmatched {quote}.");
            }

            tokens.Add(token.ToString());
        }
    }

    private static bool IsBlank(char c) => c == ' ' || c == '\t' || c == '\r';
}
