using System;
using System.Collections.Generic;

namespace S3M.Slurm;

/// <summary>What a Slurm call answered, and the warnings Slurm gave with it (its <c>warnings[]</c>), as data.</summary>
public sealed class SlurmResult<T>
{
    internal SlurmResult(T value, IReadOnlyList<string> warnings)
    {
        Value = value;
        Warnings = warnings;
    }

    public T Value { get; }

    /// <summary>Each warning as "Slurm: &lt;what it said&gt;"; the call still succeeded.</summary>
    public IReadOnlyList<string> Warnings { get; }
}
