using System.Collections.Generic;

namespace S3M.HelpGen;

/// <summary>One cmdlet page of docs/en-US, as the PlatyPS markdown schema (2.0.0) lays it out.</summary>
internal sealed class CommandPage
{
    public required string File { get; init; }
    public string Name { get; set; } = "";
    public string HelpFile { get; set; } = "";
    public string ModuleName { get; set; } = "";
    public string? OnlineVersion { get; set; }
    public string Synopsis { get; set; } = "";
    public List<string> Description { get; } = new();
    public List<SyntaxSet> Syntax { get; } = new();
    public List<Example> Examples { get; } = new();
    public List<ParameterDoc> Parameters { get; } = new();
    public bool HasCommonParameters { get; set; }
    public List<TypeDoc> Inputs { get; } = new();
    public List<TypeDoc> Outputs { get; } = new();
    public List<string> Notes { get; } = new();
    public List<RelatedLink> Links { get; } = new();
}

/// <summary>One parameter set as the SYNTAX section writes it.</summary>
internal sealed class SyntaxSet
{
    /// <summary>The set's name; null for a cmdlet with one set, written without a heading.</summary>
    public string? Name { get; init; }
    public bool IsDefault { get; init; }
    public int Line { get; init; }
    public List<SyntaxParameter> Parameters { get; } = new();
    public bool CommonParameters { get; set; }
}

/// <summary>One parameter of a syntax line: <c>-N &lt;T&gt;</c>, <c>[-N] &lt;T&gt;</c>, <c>[[-N] &lt;T&gt;]</c>, <c>[-N &lt;T&gt;]</c>, <c>[-N]</c> or <c>-N</c>.</summary>
internal sealed class SyntaxParameter
{
    public required string Name { get; init; }
    public string? Type { get; init; }
    public bool Required { get; init; }
    public bool Positional { get; init; }
}

/// <summary>One <c>### -Name</c> entry of PARAMETERS: its description and one YAML block per group of sets.</summary>
internal sealed class ParameterDoc
{
    public required string Name { get; init; }
    public int Line { get; init; }
    public List<string> Description { get; } = new();
    public List<ParameterYaml> Blocks { get; } = new();
}

internal sealed class ParameterYaml
{
    public int Line { get; init; }
    public string Type { get; set; } = "";

    /// <summary>The sets this block describes; empty for (All).</summary>
    public List<string> Sets { get; } = new();
    public List<string> Aliases { get; } = new();
    public bool Required { get; set; }

    /// <summary>A number, or "Named".</summary>
    public string Position { get; set; } = "Named";
    public string DefaultValue { get; set; } = "None";
    public string PipelineInput { get; set; } = "False";
    public bool Globbing { get; set; }

    public bool AppliesTo(string? set) => Sets.Count == 0 || (set != null && Sets.Contains(set));
}

internal sealed class Example
{
    public required string Title { get; init; }
    public int Line { get; init; }
    public List<string> Code { get; } = new();
    public List<string> Remarks { get; } = new();
}

internal sealed class TypeDoc
{
    public required string Name { get; init; }
    public List<string> Description { get; } = new();
}

internal sealed class RelatedLink
{
    public required string Text { get; init; }
    public string? Uri { get; init; }
}
