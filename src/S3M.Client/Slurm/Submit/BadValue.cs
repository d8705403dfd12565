using System;

namespace S3M.Slurm;

/// <summary>
/// A value that breaks a rule. Converters know only the rule; their callers know where the
/// value came from (a parameter, a script line) and turn it into an <c>S3mException</c>.
/// It never leaves this assembly.
/// </summary>
internal sealed class BadValue : Exception
{
    public BadValue(string rule) : base(rule) { }
}
