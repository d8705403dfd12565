using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;

namespace S3M;

/// <summary>
/// A read-only list that reads as one line of text: its items joined by <see cref="S3mList.Separator"/>
/// (<c>COMPLETING;REQUEUED</c>). Export-Csv writes a property's ToString() in its cell, which for
/// an array is <c>System.String[]</c>; PowerShell still enumerates and indexes this as a list.
/// </summary>
public sealed class S3mList<T> : ReadOnlyCollection<T>
{
    public S3mList(IEnumerable<T> items) : base(items.ToArray()) { }

    public static S3mList<T> Empty { get; } = new S3mList<T>(Array.Empty<T>());

    public override string ToString() => S3mList.Join(this.Select(item => S3mList.Text(item)));
}

/// <summary>The text form that <see cref="S3mList{T}"/> and <see cref="S3mDictionary{TValue}"/> share.</summary>
public static class S3mList
{
    /// <summary>
    /// Between items in the text form. Not a comma, which separates CSV cells and is what Slurm
    /// joins its own lists with; Slurm's names and flags never contain it.
    /// </summary>
    public const string Separator = ";";

    internal static S3mList<T> ToS3mList<T>(this IEnumerable<T> items) => new S3mList<T>(items);

    internal static string Join(IEnumerable<string> items) => string.Join(Separator, items);

    internal static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}

/// <summary>
/// A read-only dictionary with string keys that reads as one line of text: <c>key=value</c>
/// pairs joined by <see cref="S3mList.Separator"/> (<c>cpus=2;ram-gbs=4</c>), in the answer's
/// order. PowerShell still reads its values as properties (<c>$d.cpus</c>).
/// </summary>
public sealed class S3mDictionary<TValue> : ReadOnlyDictionary<string, TValue>
{
    public S3mDictionary(IDictionary<string, TValue> items) : base(items) { }

    public static S3mDictionary<TValue> Empty { get; } = new S3mDictionary<TValue>(new Dictionary<string, TValue>());

    public override string ToString() => S3mList.Join(this.Select(pair => pair.Key + "=" + S3mList.Text(pair.Value)));
}
