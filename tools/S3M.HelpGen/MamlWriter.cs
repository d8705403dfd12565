using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;

namespace S3M.HelpGen;

/// <summary>
/// Writes cmdlet pages as one MAML file, the form Get-Help reads for binary modules
/// (<c>&lt;Assembly&gt;.dll-Help.xml</c> in the culture folder beside the module), laid out as
/// PlatyPS's New-ExternalHelp lays it out.
/// </summary>
internal static class MamlWriter
{
    private const string Msh = "http://msh";
    private const string Maml = "http://schemas.microsoft.com/maml/2004/10";
    private const string Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private const string Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private const string MsHelp = "http://msdn.microsoft.com/mshelp";

    public static void Write(string path, IEnumerable<CommandPage> pages)
    {
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var stream = File.Create(path);
        using var xml = XmlWriter.Create(stream, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("helpItems", Msh);
        xml.WriteAttributeString("schema", "maml");
        foreach (var page in pages.OrderBy(p => p.Name, System.StringComparer.OrdinalIgnoreCase))
        {
            WriteCommand(xml, page);
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteCommand(XmlWriter xml, CommandPage page)
    {
        xml.WriteStartElement("command", "command", Command);
        xml.WriteAttributeString("xmlns", "maml", null, Maml);
        xml.WriteAttributeString("xmlns", "command", null, Command);
        xml.WriteAttributeString("xmlns", "dev", null, Dev);
        xml.WriteAttributeString("xmlns", "MSHelp", null, MsHelp);

        var dash = page.Name.IndexOf('-');
        xml.WriteStartElement("command", "details", Command);
        xml.WriteElementString("command", "name", Command, page.Name);
        xml.WriteElementString("command", "verb", Command, dash < 0 ? page.Name : page.Name.Substring(0, dash));
        xml.WriteElementString("command", "noun", Command, dash < 0 ? "" : page.Name.Substring(dash + 1));
        Description(xml, new[] { page.Synopsis });
        xml.WriteEndElement();

        Description(xml, page.Description);

        xml.WriteStartElement("command", "syntax", Command);
        foreach (var set in page.Syntax)
        {
            xml.WriteStartElement("command", "syntaxItem", Command);
            xml.WriteElementString("maml", "name", Maml, page.Name);
            foreach (var used in set.Parameters)
            {
                var parameter = page.Parameters.FirstOrDefault(p => string.Equals(p.Name, used.Name, System.StringComparison.OrdinalIgnoreCase));
                var yaml = parameter?.Blocks.FirstOrDefault(b => b.AppliesTo(set.Name));
                if (parameter != null && yaml != null)
                {
                    Parameter(xml, parameter, yaml, inSyntax: true);
                }
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();

        xml.WriteStartElement("command", "parameters", Command);
        foreach (var parameter in page.Parameters.Where(p => p.Blocks.Count > 0))
        {
            var defaultSet = page.Syntax.FirstOrDefault(s => s.IsDefault)?.Name;
            Parameter(xml, parameter, parameter.Blocks.FirstOrDefault(b => b.AppliesTo(defaultSet)) ?? parameter.Blocks[0], inSyntax: false);
        }
        xml.WriteEndElement();

        Types(xml, "inputTypes", "inputType", page.Inputs);
        Types(xml, "returnValues", "returnValue", page.Outputs);

        xml.WriteStartElement("maml", "alertSet", Maml);
        xml.WriteStartElement("maml", "alert", Maml);
        foreach (var note in page.Notes)
        {
            xml.WriteElementString("maml", "para", Maml, note);
        }

        xml.WriteEndElement();
        xml.WriteEndElement();

        xml.WriteStartElement("command", "examples", Command);
        foreach (var example in page.Examples)
        {
            xml.WriteStartElement("command", "example", Command);
            xml.WriteElementString("maml", "title", Maml, $"-------------------------- {example.Title} --------------------------");
            xml.WriteElementString("dev", "code", Dev, string.Join("\n", example.Code));
            xml.WriteStartElement("dev", "remarks", Dev);
            foreach (var remark in example.Remarks)
            {
                xml.WriteElementString("maml", "para", Maml, remark);
            }
            // An empty paragraph keeps the next example's title off the last line of this one.
            xml.WriteElementString("maml", "para", Maml, "");
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        xml.WriteEndElement();

        xml.WriteStartElement("command", "relatedLinks", Command);
        if (page.OnlineVersion != null)
        {
            Link(xml, "Online Version:", page.OnlineVersion);
        }

        foreach (var link in page.Links)
        {
            Link(xml, link.Text, link.Uri);
        }

        xml.WriteEndElement();

        xml.WriteEndElement();
    }

    private static void Parameter(XmlWriter xml, ParameterDoc parameter, ParameterYaml yaml, bool inSyntax)
    {
        var isSwitch = yaml.Type == "SwitchParameter";
        xml.WriteStartElement("command", "parameter", Command);
        xml.WriteAttributeString("required", yaml.Required ? "true" : "false");
        xml.WriteAttributeString("variableLength", "true");
        xml.WriteAttributeString("globbing", yaml.Globbing ? "true" : "false");
        xml.WriteAttributeString("pipelineInput", yaml.PipelineInput);
        xml.WriteAttributeString("position", yaml.Position == "Named" ? "named" : yaml.Position);
        xml.WriteAttributeString("aliases", yaml.Aliases.Count == 0 ? "none" : string.Join(", ", yaml.Aliases));
        xml.WriteElementString("maml", "name", Maml, parameter.Name);
        Description(xml, parameter.Description);
        // A switch takes no value: PlatyPS leaves parameterValue out of its syntax items.
        if (!(isSwitch && inSyntax))
        {
            xml.WriteStartElement("command", "parameterValue", Command);
            xml.WriteAttributeString("required", isSwitch ? "false" : "true");
            xml.WriteAttributeString("variableLength", "false");
            xml.WriteString(yaml.Type);
            xml.WriteEndElement();
        }
        xml.WriteStartElement("dev", "type", Dev);
        xml.WriteElementString("maml", "name", Maml, yaml.Type);
        xml.WriteElementString("maml", "uri", Maml, "");
        xml.WriteEndElement();
        xml.WriteElementString("dev", "defaultValue", Dev, yaml.DefaultValue);
        xml.WriteEndElement();
    }

    private static void Types(XmlWriter xml, string listName, string itemName, List<TypeDoc> types)
    {
        xml.WriteStartElement("command", listName, Command);
        foreach (var type in types)
        {
            xml.WriteStartElement("command", itemName, Command);
            xml.WriteStartElement("dev", "type", Dev);
            xml.WriteElementString("maml", "name", Maml, type.Name);
            xml.WriteEndElement();
            Description(xml, type.Description);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static void Description(XmlWriter xml, IEnumerable<string> paragraphs)
    {
        xml.WriteStartElement("maml", "description", Maml);
        foreach (var paragraph in paragraphs)
        {
            xml.WriteElementString("maml", "para", Maml, paragraph);
        }

        xml.WriteEndElement();
    }

    private static void Link(XmlWriter xml, string text, string? uri)
    {
        xml.WriteStartElement("maml", "navigationLink", Maml);
        xml.WriteElementString("maml", "linkText", Maml, text);
        xml.WriteElementString("maml", "uri", Maml, uri ?? "");
        xml.WriteEndElement();
    }
}
