using System;
using System.Linq;
using System.Management.Automation;

namespace S3M.Commands;

/// <summary>A listing's -Name values (and Get-S3mSlurmJob's -Comment) as wildcard patterns, matched without case.</summary>
internal static class NameFilter
{
    /// <summary>Whether a name matches any of <paramref name="names"/>; without names, every one does.</summary>
    public static Func<string?, bool> From(string[]? names)
    {
        if (names == null)
        {
            return _ => true;
        }

        var patterns = names.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToArray();
        return name => patterns.Any(p => p.IsMatch(name ?? ""));
    }
}
