using System.Management.Automation;
using System.Runtime.CompilerServices;

namespace S3M.Commands;

/// <summary>
/// The <c>Raw</c> that PowerShell sees on every S3M object (S3M.Types.ps1xml): the answer the
/// object was read from, as PowerShell values (PSCustomObjects, object[], long, double, string,
/// bool, null), so <c>$job.Raw.time.elapsed</c> navigates and ConvertTo-Json writes JSON.
/// Converted on first use and kept with the object: reading thousands of jobs costs nothing
/// more until someone looks.
/// </summary>
public static class RawProperty
{
    private static readonly ConditionalWeakTable<object, Converted> Cache = new ConditionalWeakTable<object, Converted>();

    /// <summary>The getter of the code property; null for an object that kept no answer.</summary>
    public static object? Get(PSObject instance)
    {
        if (!(instance?.BaseObject is IRawAnswer record))
        {
            return null;
        }

        return Cache.GetValue(record, r => new Converted(PlainValues.ToPowerShell(((IRawAnswer)r).ToPlainValues()))).Value;
    }

    // ConditionalWeakTable holds reference types only, and the answer may be a bare null.
    private sealed class Converted
    {
        public Converted(object? value) { Value = value; }

        public object? Value { get; }
    }
}
