using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace S3M.HelpGen;

/// <summary>
/// Markdown as the plain text help shows: emphasis dropped, code spans kept in backticks (they
/// read as quotes in a console), links as their text (and the address, when it is a web one),
/// soft line breaks joined. Blocks become paragraphs: one per markdown paragraph, a list or a
/// table as one paragraph of lines, code indented by four spaces.
/// </summary>
internal static class MarkdownText
{
    public static string Inline(ContainerInline? container)
    {
        var text = new StringBuilder();
        if (container != null)
        {
            foreach (var child in container)
            {
                Append(text, child);
            }
        }

        return text.ToString().Trim();
    }

    private static void Append(StringBuilder text, Inline inline)
    {
        switch (inline)
        {
            case LiteralInline literal:
                text.Append(literal.Content.ToString());
                break;
            case CodeInline code:
                text.Append('`').Append(code.Content).Append('`');
                break;
            case LineBreakInline lineBreak:
                text.Append(lineBreak.IsHard ? "\n" : " ");
                break;
            case AutolinkInline autolink:
                text.Append(autolink.Url);
                break;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.ToString());
                break;
            case HtmlInline:
                break; // comments and tags are not text
            case LinkInline link:
                {
                    var inner = new StringBuilder();
                    foreach (var child in link)
                    {
                        Append(inner, child);
                    }

                    var label = inner.ToString();
                    var url = link.Url ?? "";
                    text.Append(label);
                    if (IsWebAddress(url) && !string.Equals(label, url, StringComparison.Ordinal))
                    {
                        text.Append(" (").Append(url).Append(')');
                    }

                    break;
                }
            case ContainerInline container:
                foreach (var child in container)
                {
                    Append(text, child);
                }

                break;
            default:
                text.Append(inline.ToString());
                break;
        }
    }

    public static bool IsWebAddress(string url) =>
        url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The blocks as help paragraphs (MAML <c>maml:para</c>).</summary>
    public static List<string> Paragraphs(IEnumerable<Block> blocks)
    {
        var paragraphs = new List<string>();
        foreach (var block in blocks)
        {
            switch (block)
            {
                case ParagraphBlock paragraph:
                    Add(paragraphs, Inline(paragraph.Inline));
                    break;
                case HeadingBlock heading:
                    Add(paragraphs, Inline(heading.Inline));
                    break;
                case ListBlock list:
                    Add(paragraphs, string.Join("\n", ListLines(list, int.MaxValue)));
                    break;
                case Table table:
                    Add(paragraphs, string.Join("\n", TableLines(table, int.MaxValue)));
                    break;
                case FencedCodeBlock or CodeBlock when block is LeafBlock leaf:
                    Add(paragraphs, string.Join("\n", CodeLines(leaf).Select(l => l.Length == 0 ? l : "    " + l)));
                    break;
                case QuoteBlock quote:
                    paragraphs.AddRange(Paragraphs(quote));
                    break;
                case HtmlBlock:
                case ThematicBreakBlock:
                case LinkReferenceDefinitionGroup:
                    break;
                case ContainerBlock container:
                    paragraphs.AddRange(Paragraphs(container));
                    break;
            }
        }
        return paragraphs;
    }

    private static void Add(List<string> paragraphs, string text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            paragraphs.Add(text.Trim());
        }
    }

    /// <summary>A code block's lines, trailing blank lines dropped.</summary>
    public static List<string> CodeLines(LeafBlock block)
    {
        var lines = block.Lines.Lines.Take(block.Lines.Count).Select(l => l.ToString().TrimEnd()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        while (lines.Count > 0 && lines[0].Length == 0)
        {
            lines.RemoveAt(0);
        }

        return lines;
    }

    /// <summary>
    /// A list as lines, the one list renderer of both outputs: "- item" or "1. item", each
    /// paragraph wrapped at <paramref name="width"/> (<see cref="int.MaxValue"/>: not wrapped)
    /// with its later lines under the item's text, and nested lists, tables and code indented
    /// to that text too. The MAML help keeps the lines as one paragraph; about topics indent them.
    /// </summary>
    public static List<string> ListLines(ListBlock list, int width)
    {
        var lines = new List<string>();
        var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var bullet = list.IsOrdered ? $"{number++}. " : "- ";
            var hanging = new string(' ', bullet.Length);
            var inner = width == int.MaxValue ? width : width - bullet.Length;
            var first = true;
            foreach (var child in item)
            {
                var childLines = child switch
                {
                    ParagraphBlock paragraph => Wrap(Inline(paragraph.Inline), inner),
                    ListBlock nested => ListLines(nested, inner),
                    Table table => TableLines(table, inner),
                    CodeBlock code => CodeLines(code).Select(l => l.Length == 0 ? l : "    " + l).ToList(),
                    _ => Paragraphs(new[] { child }).SelectMany(p => p.Split('\n')).ToList(),
                };
                foreach (var line in childLines)
                {
                    lines.Add(line.Length == 0 ? "" : (first && child is not ListBlock ? bullet : hanging) + line);
                    // A nested list has bullets of its own; the item's bullet waits for its text.
                    if (child is not ListBlock)
                    {
                        first = false;
                    }
                }
            }
        }
        return lines;
    }

    /// <summary>The cells of a table, header first, as plain text.</summary>
    public static List<string[]> TableCells(Table table) =>
        table.OfType<TableRow>()
            .Select(row => row.OfType<TableCell>().Select(cell => string.Join(" ", Paragraphs(cell))).ToArray())
            .ToList();

    /// <summary>
    /// A table as aligned columns with a rule under the header. When it is wider than
    /// <paramref name="width"/>, the widest columns are narrowed and their cells wrap.
    /// </summary>
    public static List<string> TableLines(Table table, int width)
    {
        var rows = TableCells(table);
        if (rows.Count == 0)
        {
            return new List<string>();
        }

        var columns = rows.Max(r => r.Length);
        var widths = new int[columns];
        for (var c = 0; c < columns; c++)
        {
            widths[c] = Math.Max(1, rows.Max(r => c < r.Length ? r[c].Length : 0));
        }

        var available = width == int.MaxValue ? int.MaxValue : width - 2 * (columns - 1);
        while (widths.Sum() > available)
        {
            var widest = Array.IndexOf(widths, widths.Max());
            if (widths[widest] <= 12)
            {
                break;
            }

            widths[widest]--;
        }
        var wrapped = rows.Select(row => Enumerable.Range(0, columns)
            .Select(c => Wrap(c < row.Length ? row[c] : "", widths[c]))
            .ToArray()).ToList();
        // Rows that wrap read as one block unless a blank line parts them.
        var spaced = wrapped.Skip(1).Any(cells => cells.Any(cell => cell.Count > 1));
        var lines = new List<string>();
        for (var r = 0; r < rows.Count; r++)
        {
            var cells = wrapped[r];
            if (spaced && r > 1)
            {
                lines.Add("");
            }

            var height = Math.Max(1, cells.Max(cell => cell.Count));
            for (var line = 0; line < height; line++)
            {
                var text = new StringBuilder();
                for (var c = 0; c < columns; c++)
                {
                    var part = line < cells[c].Count ? cells[c][line] : "";
                    text.Append(c == columns - 1 ? part : part.PadRight(widths[c] + 2));
                }
                lines.Add(text.ToString().TrimEnd());
            }
            if (r == 0)
            {
                lines.Add(string.Join("  ", widths.Select(w => new string('-', w))));
            }
        }
        return lines;
    }

    /// <summary>Words of <paramref name="text"/> in lines of at most <paramref name="width"/> characters (a longer word gets a line of its own).</summary>
    public static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        foreach (var hardLine in text.Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var word in Words(hardLine, width))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > width)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }
                if (line.Length > 0)
                {
                    line.Append(' ');
                }

                line.Append(word);
            }
            lines.Add(line.ToString());
        }
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    /// <summary>The words of a line, a short code span (`-t 10`) kept as one word so that it is not split across lines.</summary>
    private static IEnumerable<string> Words(string line, int width)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (word.Count(c => c == '`') % 2 == 1)
            {
                var j = i + 1;
                var joined = word;
                while (j < words.Length && joined.Length <= width / 2)
                {
                    joined += " " + words[j];
                    if (words[j].Count(c => c == '`') % 2 == 1)
                    {
                        break;
                    }

                    j++;
                }
                if (j < words.Length && joined.Length <= width / 2)
                {
                    yield return joined;
                    i = j;
                    continue;
                }
            }
            yield return word;
        }
    }
}
