using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace S3M.HelpGen;

/// <summary>
/// S3M.HelpGen --docs docs/en-US --out out/help/en-US [--manifest S3M.psd1]
///
/// Reads every cmdlet page (*.md) and about topic (about_*.md) of --docs, checks them against
/// the PlatyPS markdown schema, and writes the MAML file the pages name in their front matter
/// ("external help file") and about_*.help.txt into --out. Any problem in any page is reported
/// with its file and line, and nothing is written. With --manifest, exported cmdlets without a
/// page (and pages of cmdlets not exported) are warned about.
/// Exit codes: 0 written, 1 problems in the pages, 2 a bad command line.
///
/// It stands in for PlatyPS, which cannot be had here (no PowerShell Gallery; the build needs
/// only the .NET SDK). README.md in this folder says why, and what would replace it.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        string? docs = null, output = null, manifest = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--docs" when value != null: docs = value; i++; break;
                case "--out" when value != null: output = value; i++; break;
                case "--manifest" when value != null: manifest = value; i++; break;
                default:
                    Console.Error.WriteLine($"S3M.HelpGen: unknown or incomplete argument '{args[i]}'.");
                    Console.Error.WriteLine("Usage: S3M.HelpGen --docs <folder of .md pages> --out <folder> [--manifest <module.psd1>]");
                    return 2;
            }
        }
        if (docs == null || output == null)
        {
            Console.Error.WriteLine("Usage: S3M.HelpGen --docs <folder of .md pages> --out <folder> [--manifest <module.psd1>]");
            return 2;
        }
        if (!Directory.Exists(docs))
        {
            Console.Error.WriteLine($"S3M.HelpGen: the docs folder '{docs}' does not exist.");
            return 2;
        }

        var problems = new Problems();
        var pages = new List<CommandPage>();
        var topics = new List<AboutTopic>();
        foreach (var path in Directory.GetFiles(docs, "*.md").OrderBy(p => p, StringComparer.Ordinal))
        {
            var display = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
            if (Path.GetFileName(path).StartsWith("about_", StringComparison.OrdinalIgnoreCase))
            {
                topics.Add(AboutTopic.Read(path, display, problems));
            }
            else
            {
                pages.Add(CommandPageReader.Read(path, display, problems));
            }
        }
        if (pages.Count == 0)
        {
            problems.Add(docs, 0, "no cmdlet page (*.md) in the folder.");
        }

        var helpFiles = pages.Select(p => p.HelpFile).Where(f => f.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (helpFiles.Count > 1)
        {
            problems.Add(docs, 0, $"the pages name different help files ({string.Join(", ", helpFiles)}); one module, one MAML file.");
        }

        var modules = pages.Select(p => p.ModuleName).Where(m => m.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (modules.Count > 1)
        {
            problems.Add(docs, 0, $"the pages name different modules ({string.Join(", ", modules)}).");
        }

        if (manifest != null)
        {
            WarnAboutCoverage(manifest, pages);
        }

        if (problems.All.Count > 0)
        {
            foreach (var problem in problems.All)
            {
                Console.Error.WriteLine(problem);
            }

            Console.Error.WriteLine($"S3M.HelpGen: {problems.All.Count} problem(s) in {docs}; no help was written.");
            return 1;
        }

        Directory.CreateDirectory(output);
        var maml = Path.Combine(output, helpFiles[0]);
        MamlWriter.Write(maml, pages);
        Console.WriteLine($"S3M.HelpGen: {maml} ({pages.Count} cmdlets)");
        foreach (var topic in topics)
        {
            var text = Path.Combine(output, topic.Name + ".help.txt");
            File.WriteAllText(text, topic.ToText(), new UTF8Encoding(false));
            Console.WriteLine($"S3M.HelpGen: {text}");
        }
        return 0;
    }

    /// <summary>Warns (does not fail) when the manifest's exports and the pages differ: the Help tests hold that line.</summary>
    private static void WarnAboutCoverage(string manifest, List<CommandPage> pages)
    {
        if (!File.Exists(manifest))
        {
            Console.Error.WriteLine($"S3M.HelpGen: warning: the manifest '{manifest}' does not exist; coverage not checked.");
            return;
        }
        var text = File.ReadAllText(manifest);
        var block = Regex.Match(text, @"CmdletsToExport\s*=\s*@\((?<list>[^)]*)\)", RegexOptions.Singleline);
        if (!block.Success)
        {
            return;
        }

        var exported = Regex.Matches(block.Groups["list"].Value, @"'([^']+)'").Select(m => m.Groups[1].Value).ToList();
        var documented = pages.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var name in exported.Where(n => !documented.Contains(n)))
        {
            Console.Error.WriteLine($"S3M.HelpGen: warning: {name} is exported but has no page in the docs folder.");
        }

        foreach (var name in documented.Where(n => !exported.Contains(n, StringComparer.OrdinalIgnoreCase)))
        {
            Console.Error.WriteLine($"S3M.HelpGen: warning: {name} has a page but is not exported by {Path.GetFileName(manifest)}.");
        }
    }
}
