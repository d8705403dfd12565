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
    /// <summary>The type name of a converted answer, whose ToString() is the JSON text (S3M.Types.ps1xml).</summary>
    public const string AnswerTypeName = "S3M.Raw";

    private static readonly ConditionalWeakTable<object, Converted> Cache = new ConditionalWeakTable<object, Converted>();

    // From a converted answer back to the object it came from, for its text.
    private static readonly ConditionalWeakTable<PSObject, IRawAnswer> Sources = new ConditionalWeakTable<PSObject, IRawAnswer>();

    /// <summary>The getter of the code property; null for an object that kept no answer.</summary>
    public static object? Get(PSObject instance)
    {
        if (!(instance?.BaseObject is IRawAnswer record))
        {
            return null;
        }

        return Cache.GetValue(record, r => new Converted(Convert((IRawAnswer)r))).Value;
    }

    /// <summary>
    /// ToString() of a converted answer: the JSON text S3M sent, which Export-Csv writes in the
    /// Raw cell and "$($job.Raw)" shows, instead of PowerShell's lossy @{...}.
    /// </summary>
    public static string Text(PSObject instance) =>
        instance != null && Sources.TryGetValue(instance, out var record) ? record.ToJsonText() : "";

    private static object? Convert(IRawAnswer record)
    {
        var value = PlainValues.ToPowerShell(record.ToPlainValues());
        if (value is PSObject answer)
        {
            answer.TypeNames.Insert(0, AnswerTypeName);
            Sources.Add(answer, record);
        }

        return value;
    }

    // ConditionalWeakTable holds reference types only, and the answer may be a bare null.
    private sealed class Converted
    {
        public Converted(object? value) { Value = value; }

        public object? Value { get; }
    }
}
