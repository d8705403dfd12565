using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace S3M.HelpGen;

/// <summary>
/// Reads one cmdlet page in the PlatyPS markdown schema 2.0.0 and checks it: every section
/// there once and in order, a synopsis, a description, at least one example with code and a
/// remark, each parameter documented once with a description and its YAML block, and SYNTAX
/// agreeing with PARAMETERS set by set.
/// </summary>
internal sealed class CommandPageReader
{
    public static readonly string[] Sections =
        { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" };

    private static readonly string[] FrontMatterKeys = { "external help file", "Module Name", "online version", "schema" };

    private static readonly string[] YamlKeys =
        { "Type", "Parameter Sets", "Aliases", "Required", "Position", "Default value", "Accept pipeline input", "Accept wildcard characters" };

    private static readonly Regex ExampleTitle = new(@"^Example (\d+)(:\s*\S.*)?$", RegexOptions.CultureInvariant);
    private static readonly Regex PipelineInput = new(@"^(False|True \((ByValue|ByPropertyName|ByPropertyName, ByValue|ByValue, ByPropertyName)\))$", RegexOptions.CultureInvariant);
    private static readonly Regex SetHeading = new(@"^(?<name>[A-Za-z0-9_]+)( \((?<default>Default)\))?$", RegexOptions.CultureInvariant);

    private readonly string _display;
    private readonly Problems _problems;

    private CommandPageReader(string display, Problems problems)
    {
        _display = display;
        _problems = problems;
    }

    public static CommandPage Read(string path, string display, Problems problems) =>
        new CommandPageReader(display, problems).Read(path);

    private void Problem(int line, string message) => _problems.Add(_display, line, message);

    private CommandPage Read(string path)
    {
        var page = new CommandPage { File = path };
        var document = PageReader.Parse(path, _display, _problems);
        ReadFrontMatter(document, page);

        var blocks = document.Where(b => b is not YamlFrontMatterBlock).ToList();
        var top = PageReader.Split(blocks, 1);
        if (top[0].HasContent)
        {
            Problem(top[0].Line, "text before the '# <Cmdlet>' title.");
        }

        if (top.Count != 2)
        {
            Problem(top.Count > 2 ? top[2].Line : 0, top.Count < 2 ? "no '# <Cmdlet>' title." : "more than one '#' title.");
            if (top.Count < 2)
            {
                return page;
            }
        }
        page.Name = top[1].Title;
        var expected = Path.GetFileNameWithoutExtension(path);
        if (!string.Equals(page.Name, expected, StringComparison.Ordinal))
        {
            Problem(top[1].Line, $"the title '{page.Name}' is not the file's name '{expected}'.");
        }

        var sections = PageReader.Split(top[1].Blocks, 2);
        if (sections[0].HasContent)
        {
            Problem(sections[0].Line, "text between the title and '## SYNOPSIS'.");
        }

        var found = new Dictionary<string, Part>(StringComparer.Ordinal);
        var lastIndex = -1;
        foreach (var section in sections.Skip(1))
        {
            var index = Array.IndexOf(Sections, section.Title);
            if (index < 0)
            {
                Problem(section.Line, $"unknown section '## {section.Title}'; the schema has {string.Join(", ", Sections.Select(s => "## " + s))}.");
                continue;
            }
            if (found.ContainsKey(section.Title))
            {
                Problem(section.Line, $"section '## {section.Title}' appears twice.");
                continue;
            }
            if (index < lastIndex)
            {
                Problem(section.Line, $"section '## {section.Title}' is out of order; the order is {string.Join(", ", Sections)}.");
            }

            lastIndex = Math.Max(lastIndex, index);
            found[section.Title] = section;
        }
        foreach (var name in Sections.Where(s => !found.ContainsKey(s)))
        {
            Problem(top[1].Line, $"missing section '## {name}'.");
        }

        if (found.TryGetValue("SYNOPSIS", out var synopsis))
        {
            ReadSynopsis(synopsis, page);
        }

        if (found.TryGetValue("SYNTAX", out var syntax))
        {
            ReadSyntax(syntax, page);
        }

        if (found.TryGetValue("DESCRIPTION", out var description))
        {
            page.Description.AddRange(MarkdownText.Paragraphs(description.Blocks));
            if (page.Description.Count == 0)
            {
                Problem(description.Line, "the DESCRIPTION is empty.");
            }
        }
        if (found.TryGetValue("EXAMPLES", out var examples))
        {
            ReadExamples(examples, page);
        }

        if (found.TryGetValue("PARAMETERS", out var parameters))
        {
            ReadParameters(parameters, page);
        }

        if (found.TryGetValue("INPUTS", out var inputs))
        {
            ReadTypes(inputs, page.Inputs);
        }

        if (found.TryGetValue("OUTPUTS", out var outputs))
        {
            ReadTypes(outputs, page.Outputs);
        }

        if (found.TryGetValue("NOTES", out var notes))
        {
            page.Notes.AddRange(MarkdownText.Paragraphs(notes.Blocks));
        }

        if (found.TryGetValue("RELATED LINKS", out var links))
        {
            ReadLinks(links, page);
        }

        if (found.ContainsKey("SYNTAX") && found.TryGetValue("PARAMETERS", out var parametersPart))
        {
            CheckAgreement(page, parametersPart.Line);
        }

        return page;
    }

    private void ReadFrontMatter(MarkdownDocument document, CommandPage page)
    {
        var values = PageReader.FrontMatter(document);
        if (values == null)
        {
            Problem(0, "no YAML front matter (---, external help file, Module Name, online version, schema, ---).");
            return;
        }
        foreach (var key in FrontMatterKeys.Where(k => !values.ContainsKey(k)))
        {
            Problem(0, $"the front matter has no '{key}:'.");
        }

        page.HelpFile = values.GetValueOrDefault("external help file", "");
        page.ModuleName = values.GetValueOrDefault("Module Name", "");
        var online = values.GetValueOrDefault("online version", "");
        page.OnlineVersion = online.Length == 0 ? null : online;
        if (values.ContainsKey("external help file") && !Regex.IsMatch(page.HelpFile, @"^[\w.]+-Help\.xml$"))
        {
            Problem(0, $"'external help file: {page.HelpFile}' is not a MAML file name such as S3M.dll-Help.xml.");
        }

        if (values.ContainsKey("Module Name") && page.ModuleName.Length == 0)
        {
            Problem(0, "'Module Name:' is empty.");
        }

        if (values.TryGetValue("schema", out var schema) && schema != "2.0.0")
        {
            Problem(0, $"'schema: {schema}' is not 2.0.0.");
        }
    }

    private void ReadSynopsis(Part section, CommandPage page)
    {
        var paragraphs = MarkdownText.Paragraphs(section.Blocks);
        page.Synopsis = string.Join(" ", paragraphs);
        if (page.Synopsis.Length == 0)
        {
            Problem(section.Line, "the SYNOPSIS is empty.");
        }
    }

    private void ReadSyntax(Part section, CommandPage page)
    {
        var parts = PageReader.Split(section.Blocks, 3);
        var unnamed = parts[0].Blocks.OfType<FencedCodeBlock>().ToList();
        if (unnamed.Count > 0)
        {
            if (unnamed.Count > 1 || parts.Count > 1)
            {
                Problem(section.Line, "SYNTAX with more than one parameter set needs a '### <SetName>' heading before each block.");
            }

            ReadSyntaxBlock(unnamed[0], null, false, page);
        }
        foreach (var part in parts.Skip(1))
        {
            var match = SetHeading.Match(part.Title);
            if (!match.Success)
            {
                Problem(part.Line, $"'### {part.Title}' is not a parameter set heading ('### Name' or '### Name (Default)').");
                continue;
            }
            var blocks = part.Blocks.OfType<FencedCodeBlock>().ToList();
            if (blocks.Count != 1)
            {
                Problem(part.Line, $"parameter set '{match.Groups["name"].Value}' needs exactly one code block, not {blocks.Count}.");
                if (blocks.Count == 0)
                {
                    continue;
                }
            }
            ReadSyntaxBlock(blocks[0], match.Groups["name"].Value, match.Groups["default"].Success, page);
        }
        if (page.Syntax.Count == 0)
        {
            Problem(section.Line, "SYNTAX has no code block.");
        }

        foreach (var twice in page.Syntax.Where(s => s.Name != null).GroupBy(s => s.Name!, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            Problem(twice.Skip(1).First().Line, $"parameter set '{twice.Key}' appears twice in SYNTAX.");
        }

        if (page.Syntax.Count(s => s.IsDefault) > 1)
        {
            Problem(section.Line, "more than one parameter set is marked (Default).");
        }
    }

    private void ReadSyntaxBlock(FencedCodeBlock block, string? name, bool isDefault, CommandPage page)
    {
        var set = new SyntaxSet { Name = name, IsDefault = isDefault, Line = block.Line };
        page.Syntax.Add(set);
        var text = string.Join(" ", MarkdownText.CodeLines(block).Select(l => l.Trim())).Trim();
        var space = text.IndexOf(' ');
        var command = space < 0 ? text : text.Substring(0, space);
        if (!string.Equals(command, page.Name, StringComparison.Ordinal))
        {
            Problem(block.Line, $"the syntax starts with '{command}', not the cmdlet's name '{page.Name}'.");
        }

        var error = SyntaxLine.Parse(space < 0 ? "" : text.Substring(space + 1), set);
        if (error != null)
        {
            Problem(block.Line, $"syntax{(name == null ? "" : " of set " + name)}: {error}");
        }

        foreach (var twice in set.Parameters.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            Problem(block.Line, $"-{twice.Key} appears twice in the syntax{(name == null ? "" : " of set " + name)}.");
        }
    }

    private void ReadExamples(Part section, CommandPage page)
    {
        var parts = PageReader.Split(section.Blocks, 3);
        if (parts[0].HasContent)
        {
            Problem(parts[0].Line, "EXAMPLES holds text before its first '### Example 1: ...'.");
        }

        foreach (var part in parts.Skip(1))
        {
            var match = ExampleTitle.Match(part.Title);
            if (!match.Success)
            {
                Problem(part.Line, $"'### {part.Title}' is not an example title ('### Example N: what it shows').");
            }
            else if (int.Parse(match.Groups[1].Value) != page.Examples.Count + 1)
            {
                Problem(part.Line, $"'### {part.Title}' should be Example {page.Examples.Count + 1}.");
            }

            var example = new Example { Title = part.Title, Line = part.Line };
            foreach (var block in part.Blocks)
            {
                if (block is FencedCodeBlock code)
                {
                    if (!string.Equals(code.Info, "powershell", StringComparison.OrdinalIgnoreCase))
                    {
                        Problem(code.Line, $"the code block of '{part.Title}' is marked '{code.Info}', not powershell.");
                    }

                    if (example.Code.Count > 0)
                    {
                        example.Code.Add("");
                    }

                    example.Code.AddRange(MarkdownText.CodeLines(code));
                }
                else
                {
                    example.Remarks.AddRange(MarkdownText.Paragraphs(new[] { block }));
                }
            }
            if (example.Code.Count == 0)
            {
                Problem(part.Line, $"'{part.Title}' has no ```powershell code block.");
            }

            if (example.Remarks.Count == 0)
            {
                Problem(part.Line, $"'{part.Title}' has no text saying what it does.");
            }

            page.Examples.Add(example);
        }
        if (page.Examples.Count == 0)
        {
            Problem(section.Line, "EXAMPLES has no example; write at least one.");
        }
    }

    private void ReadParameters(Part section, CommandPage page)
    {
        var parts = PageReader.Split(section.Blocks, 3);
        if (parts[0].HasContent)
        {
            Problem(parts[0].Line, "PARAMETERS holds text before its first '### -Name'.");
        }

        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in parts.Skip(1))
        {
            if (part.Title == "CommonParameters")
            {
                if (page.HasCommonParameters)
                {
                    Problem(part.Line, "'### CommonParameters' appears twice.");
                }

                page.HasCommonParameters = true;
                if (MarkdownText.Paragraphs(part.Blocks).Count == 0)
                {
                    Problem(part.Line, "'### CommonParameters' is empty.");
                }

                continue;
            }
            if (!part.Title.StartsWith("-", StringComparison.Ordinal) || !Regex.IsMatch(part.Title, @"^-\w+$"))
            {
                Problem(part.Line, $"'### {part.Title}' is not a parameter heading ('### -Name' or '### CommonParameters').");
                continue;
            }
            var name = part.Title.Substring(1);
            if (seen.TryGetValue(name, out var first))
            {
                Problem(part.Line, $"-{name} is documented twice (first on line {first + 1}).");
                continue;
            }
            seen[name] = part.Line;
            var parameter = new ParameterDoc { Name = name, Line = part.Line };
            foreach (var block in part.Blocks)
            {
                if (block is FencedCodeBlock code && string.Equals(code.Info, "yaml", StringComparison.OrdinalIgnoreCase))
                {
                    parameter.Blocks.Add(ReadYaml(code, name));
                }
                else
                {
                    parameter.Description.AddRange(MarkdownText.Paragraphs(new[] { block }));
                }
            }
            if (parameter.Description.Count == 0)
            {
                Problem(part.Line, $"-{name} has an empty description.");
            }

            if (parameter.Blocks.Count == 0)
            {
                Problem(part.Line, $"-{name} has no ```yaml block (Type, Parameter Sets, Aliases, Required, ...).");
            }

            page.Parameters.Add(parameter);
        }
    }

    private ParameterYaml ReadYaml(FencedCodeBlock code, string parameter)
    {
        var yaml = new ParameterYaml { Line = code.Line };
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in MarkdownText.CodeLines(code).Where(l => l.Trim().Length > 0))
        {
            var colon = line.IndexOf(':');
            var key = colon < 0 ? line.Trim() : line.Substring(0, colon).Trim();
            if (colon < 0 || Array.IndexOf(YamlKeys, key) < 0)
            {
                Problem(code.Line, $"-{parameter}: '{line.Trim()}' is not one of {string.Join(", ", YamlKeys)}.");
                continue;
            }
            if (values.ContainsKey(key))
            {
                Problem(code.Line, $"-{parameter}: '{key}' appears twice in one YAML block.");
            }

            values[key] = line.Substring(colon + 1).Trim();
        }
        foreach (var key in YamlKeys.Where(k => !values.ContainsKey(k)))
        {
            Problem(code.Line, $"-{parameter}: the YAML block has no '{key}:'.");
        }

        yaml.Type = values.GetValueOrDefault("Type", "");
        if (values.ContainsKey("Type") && yaml.Type.Length == 0)
        {
            Problem(code.Line, $"-{parameter}: 'Type:' is empty.");
        }

        var sets = values.GetValueOrDefault("Parameter Sets", "(All)");
        if (sets != "(All)")
        {
            yaml.Sets.AddRange(sets.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0));
        }

        if (sets != "(All)" && yaml.Sets.Count == 0)
        {
            Problem(code.Line, $"-{parameter}: 'Parameter Sets:' is empty; write (All) or the set names.");
        }

        yaml.Aliases.AddRange(values.GetValueOrDefault("Aliases", "").Split(',').Select(s => s.Trim()).Where(s => s.Length > 0));
        yaml.Required = Boolean(values, "Required", parameter, code.Line);
        yaml.Globbing = Boolean(values, "Accept wildcard characters", parameter, code.Line);
        yaml.Position = values.GetValueOrDefault("Position", "Named");
        if (yaml.Position != "Named" && !(int.TryParse(yaml.Position, out var position) && position >= 0))
        {
            Problem(code.Line, $"-{parameter}: 'Position: {yaml.Position}' is neither a number nor Named.");
        }

        yaml.DefaultValue = values.GetValueOrDefault("Default value", "None");
        if (yaml.DefaultValue.Length == 0)
        {
            yaml.DefaultValue = "None";
        }

        yaml.PipelineInput = values.GetValueOrDefault("Accept pipeline input", "False");
        if (!PipelineInput.IsMatch(yaml.PipelineInput))
        {
            Problem(code.Line, $"-{parameter}: 'Accept pipeline input: {yaml.PipelineInput}' is not False or True (ByValue|ByPropertyName|ByPropertyName, ByValue).");
        }

        return yaml;
    }

    private bool Boolean(Dictionary<string, string> values, string key, string parameter, int line)
    {
        if (!values.TryGetValue(key, out var text))
        {
            return false;
        }

        if (text == "True")
        {
            return true;
        }

        if (text != "False")
        {
            Problem(line, $"-{parameter}: '{key}: {text}' is not True or False.");
        }

        return false;
    }

    private void ReadTypes(Part section, List<TypeDoc> types)
    {
        var parts = PageReader.Split(section.Blocks, 3);
        if (parts[0].HasContent)
        {
            Problem(parts[0].Line, $"## {section.Title} holds text before its first '### <Type>'.");
        }

        foreach (var part in parts.Skip(1))
        {
            var type = new TypeDoc { Name = part.Title };
            type.Description.AddRange(MarkdownText.Paragraphs(part.Blocks));
            if (type.Description.Count == 0)
            {
                Problem(part.Line, $"'### {part.Title}' under {section.Title} has no description.");
            }

            types.Add(type);
        }
        if (types.Count == 0)
        {
            Problem(section.Line, $"## {section.Title} names no type; write '### None' when there is none.");
        }
    }

    private void ReadLinks(Part section, CommandPage page)
    {
        foreach (var block in section.Blocks)
        {
            if (block is HtmlBlock)
            {
                continue;
            }

            if (block is not ListBlock list)
            {
                Problem(block.Line, "RELATED LINKS holds something other than a list of links.");
                continue;
            }
            foreach (var item in list.OfType<ListItemBlock>())
            {
                var paragraph = item.OfType<ParagraphBlock>().FirstOrDefault();
                var link = paragraph?.Inline?.Descendants<LinkInline>().FirstOrDefault();
                if (link == null)
                {
                    Problem(item.Line, "a RELATED LINKS item is not a link ([Text](address)).");
                    continue;
                }
                var text = MarkdownText.Inline(link);
                var url = link.Url ?? "";
                page.Links.Add(new RelatedLink { Text = text, Uri = MarkdownText.IsWebAddress(url) ? url : null });
            }
        }
    }

    /// <summary>SYNTAX and PARAMETERS must describe the same parameters, set by set.</summary>
    private void CheckAgreement(CommandPage page, int parametersLine)
    {
        var named = page.Syntax.Where(s => s.Name != null).Select(s => s.Name!).ToList();
        var documented = page.Parameters.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

        foreach (var parameter in page.Parameters)
        {
            foreach (var block in parameter.Blocks)
            {
                foreach (var set in block.Sets.Where(s => !named.Contains(s, StringComparer.Ordinal)))
                {
                    Problem(block.Line, $"-{parameter.Name}: parameter set '{set}' is not in SYNTAX ({(named.Count == 0 ? "one unnamed set: write (All)" : string.Join(", ", named))}).");
                }
            }
            foreach (var set in page.Syntax)
            {
                var covering = parameter.Blocks.Count(b => b.AppliesTo(set.Name));
                if (covering > 1)
                {
                    Problem(parameter.Line, $"-{parameter.Name}: more than one YAML block covers set {set.Name ?? "(All)"}.");
                }

                var inSyntax = set.Parameters.Any(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
                if (covering > 0 && !inSyntax)
                {
                    Problem(set.Line, $"-{parameter.Name} is documented for set {set.Name ?? "(All)"} but missing from its syntax.");
                }
            }
        }

        foreach (var set in page.Syntax)
        {
            var setName = set.Name ?? "(All)";
            var lastPosition = -1;
            foreach (var used in set.Parameters)
            {
                if (!documented.TryGetValue(used.Name, out var parameter))
                {
                    Problem(set.Line, $"-{used.Name} is in the syntax of set {setName} but not documented under PARAMETERS.");
                    continue;
                }
                var yaml = parameter.Blocks.FirstOrDefault(b => b.AppliesTo(set.Name));
                if (yaml == null)
                {
                    Problem(parameter.Line, $"-{used.Name} is in the syntax of set {setName}, but no YAML block covers that set.");
                    continue;
                }
                if (yaml.Required != used.Required)
                {
                    Problem(set.Line, $"-{used.Name} in set {setName}: the syntax says {(used.Required ? "mandatory" : "optional")}, the YAML says Required: {(yaml.Required ? "True" : "False")}.");
                }

                if (used.Positional != (yaml.Position != "Named"))
                {
                    Problem(set.Line, $"-{used.Name} in set {setName}: the syntax says {(used.Positional ? "positional" : "named")}, the YAML says Position: {yaml.Position}.");
                }

                if (used.Positional && int.TryParse(yaml.Position, out var position))
                {
                    if (position <= lastPosition)
                    {
                        Problem(set.Line, $"-{used.Name} in set {setName}: positional parameters must come in the order of their positions.");
                    }

                    lastPosition = position;
                }
                var isSwitch = yaml.Type == "SwitchParameter";
                if (isSwitch != (used.Type == null))
                {
                    Problem(set.Line, $"-{used.Name} in set {setName}: the syntax {(used.Type == null ? "has no value" : "takes <" + used.Type + ">")}, the YAML says Type: {yaml.Type}.");
                }
                else if (!isSwitch && !string.Equals(used.Type, yaml.Type, StringComparison.Ordinal))
                {
                    Problem(set.Line, $"-{used.Name} in set {setName}: the syntax says <{used.Type}>, the YAML says Type: {yaml.Type}.");
                }
            }
            if (set.CommonParameters != page.HasCommonParameters)
            {
                Problem(set.Line, set.CommonParameters
                    ? "the syntax ends with [<CommonParameters>] but PARAMETERS has no '### CommonParameters'."
                    : "the syntax lacks [<CommonParameters>] but PARAMETERS has '### CommonParameters'.");
            }
        }
        if (page.Parameters.Count == 0 && !page.HasCommonParameters)
        {
            Problem(parametersLine, "PARAMETERS is empty.");
        }
    }
}
