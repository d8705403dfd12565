using System.Collections;
using System.Globalization;
using S3M.Slurm;

namespace S3M.Client.Tests.Slurm.Submit;

/// <summary>A fixed clock, script builders and a one-line rendering of a description's fields.</summary>
internal static class SubmitKit
{
    /// <summary>Tuesday 2026-03-10 14:30:15 UTC.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 14, 30, 15, TimeSpan.Zero);

    public static DateTimeOffset Clock() => Now;

    /// <summary>A script whose first directive is on line 2.</summary>
    public static string Script(params string[] directives) =>
        "#!/bin/bash\n" + string.Concat(directives.Select(d => "#SBATCH " + d + "\n")) + "srun hostname\n";

    public static SlurmJobDescription Parse(string script, bool ignoreUnsupported = false) =>
        SbatchScript.Parse(script, ignoreUnsupported, "ScriptPath", Clock);

    /// <summary>"name=value; ..." in the description's order; lists joined with "|".</summary>
    public static string Render(SlurmJobDescription job) =>
        string.Join("; ", job.Fields.Cast<DictionaryEntry>().Select(e => e.Key + "=" + Text(e.Value)));

    public static long Unix(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).ToUnixTimeSeconds();

    private static string Text(object? value) => value switch
    {
        string[] list => string.Join("|", list),
        bool flag => flag ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
