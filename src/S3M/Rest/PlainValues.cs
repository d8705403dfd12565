using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;

namespace S3M.Commands;

/// <summary>
/// Moves values between PowerShell's wrappers and the plain dictionaries, arrays and scalars
/// the client reads and writes, so the client never sees a PSObject and users never see a
/// dictionary where they expect properties.
/// </summary>
internal static class PlainValues
{
    private const int MaxDepth = 64;

    /// <summary>A user's value (hashtable, PSCustomObject, array...) as plain .NET values.</summary>
    public static object? FromPowerShell(object? value, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        if (value is PSObject wrapped)
        {
            if (wrapped.BaseObject is PSCustomObject)
            {
                var map = new OrderedDictionary();
                foreach (var property in wrapped.Properties)
                {
                    map[property.Name] = FromPowerShell(property.Value, depth + 1);
                }

                return map;
            }
            value = wrapped.BaseObject;
        }
        switch (value)
        {
            case null: return null;
            case string _: return value;
            case IDictionary dictionary:
                var copy = new OrderedDictionary();
                foreach (DictionaryEntry entry in dictionary)
                {
                    copy[entry.Key] = FromPowerShell(entry.Value, depth + 1);
                }

                return copy;
            case IEnumerable list:
                var items = new List<object?>();
                foreach (var item in list)
                {
                    items.Add(FromPowerShell(item, depth + 1));
                }

                return items.ToArray();
            default: return value;
        }
    }

    /// <summary>A -Query hashtable as the client takes it: keys as text, values plain (a list gives the key once per item).</summary>
    public static IEnumerable<KeyValuePair<string, object?>>? QueryFromPowerShell(IDictionary? query)
    {
        if (query == null)
        {
            return null;
        }

        var pairs = new List<KeyValuePair<string, object?>>();
        foreach (DictionaryEntry entry in query)
        {
            pairs.Add(new KeyValuePair<string, object?>(System.Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "", FromPowerShell(entry.Value)));
        }

        return pairs;
    }

    /// <summary>Plain values from the client as PowerShell objects: dictionaries become PSCustomObjects.</summary>
    public static object? ToPowerShell(object? value)
    {
        switch (value)
        {
            case IDictionary map:
                var result = new PSObject();
                foreach (DictionaryEntry entry in map)
                {
                    // Pre-validated: a dictionary's keys are unique, so PowerShell's look-up of each
                    // name among the object's members is skipped (a third of the time of a job's Raw).
                    // A name that differs only in case replaces the earlier one either way.
                    result.Properties.Add(new PSNoteProperty((string)entry.Key, ToPowerShell(entry.Value)), true);
                }

                return result;
            case object?[] list:
                var items = new object?[list.Length];
                for (var i = 0; i < list.Length; i++)
                {
                    items[i] = ToPowerShell(list[i]);
                }

                return items;
            default: return value;
        }
    }
}
