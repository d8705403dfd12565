using System;

namespace S3M.HelpGen;

/// <summary>
/// Reads the parameters of one syntax line as PlatyPS (and Get-Command -Syntax) writes them:
/// <c>-Name &lt;T&gt;</c> mandatory, <c>[-Name] &lt;T&gt;</c> mandatory and positional,
/// <c>[[-Name] &lt;T&gt;]</c> optional and positional, <c>[-Name &lt;T&gt;]</c> optional,
/// <c>[-Switch]</c> optional switch, <c>-Switch</c> mandatory switch, <c>[&lt;CommonParameters&gt;]</c>.
/// </summary>
internal static class SyntaxLine
{
    private const string Common = "[<CommonParameters>]";

    /// <summary>Adds the parameters of <paramref name="text"/> (the line without the cmdlet's name) to <paramref name="set"/>; returns an error or null.</summary>
    public static string? Parse(string text, SyntaxSet set)
    {
        var pos = 0;
        while (true)
        {
            SkipBlanks(text, ref pos);
            if (pos >= text.Length)
            {
                return null;
            }

            if (set.CommonParameters)
            {
                return $"'{Rest(text, pos)}' after [<CommonParameters>], which comes last.";
            }

            if (string.CompareOrdinal(text, pos, Common, 0, Common.Length) == 0)
            {
                set.CommonParameters = true;
                pos += Common.Length;
                continue;
            }
            string? name, type;
            if (Take(text, ref pos, "[[-"))
            {
                // [[-Name] <Type>]
                name = Name(text, ref pos);
                if (name == null || !Take(text, ref pos, "]"))
                {
                    return Bad(text, pos);
                }

                SkipBlanks(text, ref pos);
                type = Type(text, ref pos);
                if (type == null || !Take(text, ref pos, "]"))
                {
                    return Bad(text, pos);
                }

                set.Parameters.Add(new SyntaxParameter { Name = name, Type = type, Required = false, Positional = true });
            }
            else if (Take(text, ref pos, "[-"))
            {
                name = Name(text, ref pos);
                if (name == null)
                {
                    return Bad(text, pos);
                }

                if (Take(text, ref pos, "]"))
                {
                    // [-Name] <Type> (mandatory, positional) or [-Switch]
                    var mark = pos;
                    SkipBlanks(text, ref pos);
                    if (pos < text.Length && text[pos] == '<')
                    {
                        type = Type(text, ref pos);
                        if (type == null)
                        {
                            return Bad(text, pos);
                        }

                        set.Parameters.Add(new SyntaxParameter { Name = name, Type = type, Required = true, Positional = true });
                    }
                    else
                    {
                        pos = mark;
                        set.Parameters.Add(new SyntaxParameter { Name = name, Type = null, Required = false, Positional = false });
                    }
                }
                else
                {
                    // [-Name <Type>]
                    SkipBlanks(text, ref pos);
                    type = Type(text, ref pos);
                    if (type == null || !Take(text, ref pos, "]"))
                    {
                        return Bad(text, pos);
                    }

                    set.Parameters.Add(new SyntaxParameter { Name = name, Type = type, Required = false, Positional = false });
                }
            }
            else if (Take(text, ref pos, "-"))
            {
                // -Name <Type> or -Switch
                name = Name(text, ref pos);
                if (name == null)
                {
                    return Bad(text, pos);
                }

                var mark = pos;
                SkipBlanks(text, ref pos);
                if (pos < text.Length && text[pos] == '<')
                {
                    type = Type(text, ref pos);
                    if (type == null)
                    {
                        return Bad(text, pos);
                    }
                }
                else
                {
                    pos = mark;
                    type = null;
                }
                set.Parameters.Add(new SyntaxParameter { Name = name, Type = type, Required = true, Positional = false });
            }
            else
            {
                return Bad(text, pos);
            }
            if (pos < text.Length && text[pos] != ' ' && text[pos] != '\t')
            {
                return Bad(text, pos);
            }
        }
    }

    private static string Bad(string text, int pos) => $"cannot read the syntax at '{Rest(text, pos)}'.";

    private static string Rest(string text, int pos)
    {
        var rest = text.Substring(Math.Min(pos, text.Length));
        return rest.Length > 40 ? rest.Substring(0, 40) + "..." : rest;
    }

    private static bool Take(string text, ref int pos, string expected)
    {
        if (string.CompareOrdinal(text, pos, expected, 0, expected.Length) != 0)
        {
            return false;
        }

        pos += expected.Length;
        return true;
    }

    private static string? Name(string text, ref int pos)
    {
        var start = pos;
        while (pos < text.Length && (char.IsLetterOrDigit(text[pos]) || text[pos] == '_'))
        {
            pos++;
        }

        return pos > start ? text.Substring(start, pos - start) : null;
    }

    private static string? Type(string text, ref int pos)
    {
        if (pos >= text.Length || text[pos] != '<')
        {
            return null;
        }

        var end = text.IndexOf('>', pos);
        if (end < 0)
        {
            return null;
        }

        var type = text.Substring(pos + 1, end - pos - 1).Trim();
        pos = end + 1;
        return type.Length > 0 && type.IndexOf(' ') < 0 ? type : null;
    }

    private static void SkipBlanks(string text, ref int pos)
    {
        while (pos < text.Length && (text[pos] == ' ' || text[pos] == '\t'))
        {
            pos++;
        }
    }
}
