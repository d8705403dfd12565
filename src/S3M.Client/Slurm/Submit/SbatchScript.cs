using System;
using S3M.Transport;

namespace S3M.Slurm;

/// <summary>Reads a batch script's #SBATCH directives into a job description, as sbatch reads them.</summary>
public static class SbatchScript
{
    /// <summary>The largest script S3M sends: the gateway takes at most 4 MiB in one request.</summary>
    public const int MaxScriptBytes = FieldValues.MaxScriptBytes;

    /// <summary>
    /// The job <paramref name="script"/> describes. Directives S3M does not accept are errors,
    /// or warnings in <see cref="SlurmJobDescription.Warnings"/> with
    /// <paramref name="ignoreUnsupported"/>. Errors name <paramref name="parameterName"/> and the line.
    /// <paramref name="clock"/> gives "now" for begin times (the local clock when null).
    /// </summary>
    public static SlurmJobDescription Parse(string script, bool ignoreUnsupported, string parameterName, Func<DateTimeOffset>? clock = null)
    {
        if (script == null)
        {
            throw S3mException.InvalidArgument(parameterName, "is null; give the text of a batch script.");
        }

        var job = new SlurmJobDescription(clock);
        try { job.Put("script", FieldKind.Script, FieldValues.Convert("script", FieldKind.Script, script, job.Clock)); }
        catch (BadValue e) { throw S3mException.InvalidArgument(parameterName, e.Message); }
        new DirectiveReader(job, ignoreUnsupported, parameterName).Read(job.Script);
        return job;
    }
}
