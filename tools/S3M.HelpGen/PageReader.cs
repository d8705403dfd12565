using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace S3M.HelpGen;

/// <summary>What is wrong with the pages: each problem with its file and line, all reported at once.</summary>
internal sealed class Problems
{
    private readonly List<string> _all = new();

    public IReadOnlyList<string> All => _all;

    public void Add(string file, int line, string message) => _all.Add($"{file}:{line + 1}: {message}");
}

/// <summary>A section or subsection: its heading (null for what comes before the first one) and its blocks.</summary>
internal sealed record Part(HeadingBlock? Heading, string Title, List<Block> Blocks)
{
    public int Line => Heading?.Line ?? (Blocks.Count > 0 ? Blocks[0].Line : 0);

    /// <summary>True when the part holds something other than comments.</summary>
    public bool HasContent => Blocks.Any(b => b is not HtmlBlock);
}

/// <summary>Reads markdown pages with Markdig into parts; shared by the cmdlet and about readers.</summary>
internal static class PageReader
{
    public static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().UsePipeTables().Build();

    private static readonly Regex Placeholder = new(@"\{\{.*?\}\}", RegexOptions.CultureInvariant);

    /// <summary>The parsed document; a <c>{{ ... }}</c> placeholder anywhere is a problem.</summary>
    public static MarkdownDocument Parse(string path, string display, Problems problems)
    {
        var text = File.ReadAllText(path);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var match = Placeholder.Match(lines[i]);
            if (match.Success)
            {
                problems.Add(display, i, $"placeholder {match.Value} left in the page; write the text.");
            }
        }
        return Markdown.Parse(text, Pipeline);
    }

    /// <summary>The front matter's "key: value" lines; null when the page has none.</summary>
    public static Dictionary<string, string>? FrontMatter(MarkdownDocument document)
    {
        if (document.Count == 0 || document[0] is not YamlFrontMatterBlock yaml)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in MarkdownText.CodeLines(yaml))
        {
            if (line.Trim() == "---" || line.Trim().Length == 0)
            {
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            values[line.Substring(0, colon).Trim()] = line.Substring(colon + 1).Trim();
        }
        return values;
    }

    /// <summary>Splits <paramref name="blocks"/> at headings of <paramref name="level"/>; the first part holds what comes before the first.</summary>
    public static List<Part> Split(IEnumerable<Block> blocks, int level)
    {
        var parts = new List<Part> { new(null, "", new List<Block>()) };
        foreach (var block in blocks)
        {
            if (block is HeadingBlock heading && heading.Level == level)
            {
                parts.Add(new Part(heading, MarkdownText.Inline(heading.Inline), new List<Block>()));
            }
            else
            {
                parts[^1].Blocks.Add(block);
            }
        }
        return parts;
    }
}
