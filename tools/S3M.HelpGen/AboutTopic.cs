using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace S3M.HelpGen;

/// <summary>
/// An about topic: <c># about_Name</c>, then <c>## SHORT DESCRIPTION</c> and
/// <c>## LONG DESCRIPTION</c> (both required, in that order) and any further <c>##</c> sections
/// (SEE ALSO, KEYWORDS...). Written as the classic plain-text help file: section titles in
/// capitals at the margin, text indented by four and wrapped at 80 columns.
/// </summary>
internal sealed class AboutTopic
{
    public const int Width = 80;
    private const int Indent = 4;

    private AboutTopic(string name, List<Part> sections)
    {
        Name = name;
        Sections = sections;
    }

    public string Name { get; }
    public List<Part> Sections { get; }

    public static AboutTopic Read(string path, string display, Problems problems)
    {
        var document = PageReader.Parse(path, display, problems);
        var blocks = document.Where(b => b is not YamlFrontMatterBlock).ToList();
        var top = PageReader.Split(blocks, 1);
        var expected = Path.GetFileNameWithoutExtension(path);
        if (top[0].HasContent)
        {
            problems.Add(display, top[0].Line, $"text before the '# {expected}' title.");
        }

        if (top.Count != 2)
        {
            problems.Add(display, top.Count > 2 ? top[2].Line : 0, top.Count < 2 ? $"no '# {expected}' title." : "more than one '#' title.");
            if (top.Count < 2)
            {
                return new AboutTopic(expected, new List<Part>());
            }
        }
        if (!string.Equals(top[1].Title, expected, StringComparison.Ordinal))
        {
            problems.Add(display, top[1].Line, $"the title '{top[1].Title}' is not the file's name '{expected}'.");
        }

        var sections = PageReader.Split(top[1].Blocks, 2);
        if (sections[0].HasContent)
        {
            problems.Add(display, sections[0].Line, "text between the title and '## SHORT DESCRIPTION'.");
        }

        var named = sections.Skip(1).ToList();
        string[] required = { "SHORT DESCRIPTION", "LONG DESCRIPTION" };
        for (var i = 0; i < required.Length; i++)
        {
            var section = named.FirstOrDefault(s => string.Equals(s.Title, required[i], StringComparison.OrdinalIgnoreCase));
            if (section == null)
            {
                problems.Add(display, top[1].Line, $"missing section '## {required[i]}'.");
            }
            else if (named.IndexOf(section) != i)
            {
                problems.Add(display, section.Line, $"'## {required[i]}' should be section {i + 1}.");
            }
            else if (!section.HasContent)
            {
                problems.Add(display, section.Line, $"'## {required[i]}' is empty.");
            }
        }
        foreach (var twice in named.GroupBy(s => s.Title, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add(display, twice.Skip(1).First().Line, $"section '## {twice.Key}' appears twice.");
        }

        return new AboutTopic(expected, named);
    }

    /// <summary>The topic as about_Name.help.txt holds it.</summary>
    public string ToText()
    {
        var lines = new List<string> { "TOPIC", Pad(Indent) + Name, "" };
        foreach (var section in Sections)
        {
            lines.Add(section.Title.ToUpperInvariant());
            Render(section.Blocks, Indent, lines);
            if (lines[^1].Length != 0)
            {
                lines.Add("");
            }
        }
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return string.Join("\n", lines) + "\n";
    }

    private static void Render(IEnumerable<Block> blocks, int indent, List<string> lines)
    {
        foreach (var block in blocks)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    {
                        var title = MarkdownText.Inline(heading.Inline);
                        if (lines.Count > 0 && lines[^1].Length != 0)
                        {
                            lines.Add("");
                        }

                        lines.Add(Pad(indent) + title);
                        if (heading.Level <= 3)
                        {
                            lines.Add(Pad(indent) + new string('-', title.Length));
                        }

                        lines.Add("");
                        break;
                    }
                case ParagraphBlock paragraph:
                    foreach (var line in MarkdownText.Wrap(MarkdownText.Inline(paragraph.Inline), Width - 1 - indent))
                    {
                        lines.Add(Pad(indent) + line);
                    }

                    lines.Add("");
                    break;
                case ListBlock list:
                    foreach (var line in MarkdownText.ListLines(list, Width - 1 - indent))
                    {
                        lines.Add(line.Length == 0 ? "" : Pad(indent) + line);
                    }

                    lines.Add("");
                    break;
                case Table table:
                    foreach (var line in MarkdownText.TableLines(table, Width - 1 - indent))
                    {
                        lines.Add(line.Length == 0 ? "" : Pad(indent) + line);
                    }

                    lines.Add("");
                    break;
                case FencedCodeBlock or CodeBlock when block is LeafBlock leaf:
                    foreach (var line in MarkdownText.CodeLines(leaf))
                    {
                        lines.Add(line.Length == 0 ? "" : Pad(indent + 4) + line);
                    }

                    lines.Add("");
                    break;
                case QuoteBlock quote:
                    Render(quote, indent + 2, lines);
                    break;
                case HtmlBlock:
                case ThematicBreakBlock:
                case LinkReferenceDefinitionGroup:
                    break;
                case ContainerBlock container:
                    Render(container, indent, lines);
                    break;
            }
        }
    }

    private static string Pad(int count) => new(' ', count);
}
