using System.Globalization;
using System.Text.RegularExpressions;

namespace S3M.Emulator.Slurm;

/// <summary>
/// What an emulated batch script does, read from its lines: every top-level <c>sleep N</c> adds to
/// the run time (seconds, fractions and the s/m/h/d suffixes of GNU sleep allowed); the first
/// <c>exit N</c> ends the script there with that code; the first <c>scontrol requeue</c> line
/// before it requeues the job once, after the sleeps above it (<see cref="RequeueAfter"/>), and
/// the second run goes past it. Nothing else in it has any effect.
/// </summary>
internal sealed partial record JobScript(TimeSpan? RunTime, int ExitCode, TimeSpan? RequeueAfter = null)
{
    public static JobScript Read(string script)
    {
        TimeSpan? run = null;
        TimeSpan? requeue = null;
        foreach (var raw in script.Split('\n'))
        {
            var line = raw.Trim();
            if (SleepLine().Match(line) is { Success: true } sleep)
            {
                run = (run ?? TimeSpan.Zero) + Duration(sleep.Groups[1].Value, sleep.Groups[2].Value);
            }
            else if (requeue is null && RequeueLine().IsMatch(line))
            {
                requeue = run ?? TimeSpan.Zero;
            }
            else if (ExitLine().Match(line) is { Success: true } exit)
            {
                var code = exit.Groups[1].Success ? long.Parse(exit.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
                // A shell keeps the low 8 bits of an exit status.
                return new JobScript(run, (int)(code % 256), requeue);
            }
        }

        return new JobScript(run, 0, requeue);
    }

    private static TimeSpan Duration(string amount, string unit)
    {
        var seconds = double.Parse(amount, CultureInfo.InvariantCulture) * unit switch
        {
            "m" => 60,
            "h" => 3600,
            "d" => 86400,
            _ => 1,
        };
        // Capped far beyond any time limit, so a silly script cannot overflow a DateTimeOffset.
        return TimeSpan.FromSeconds(Math.Min(seconds, 365.0 * 86400));
    }

    // Lines come trimmed, but \z rather than $ keeps that from mattering.
    [GeneratedRegex(@"^sleep\s+(\d{1,9}(?:\.\d+)?)([smhd]?)\s*(?:[;#].*)?\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SleepLine();

    /// <summary><c>scontrol requeue $SLURM_JOB_ID</c> and the like: a job putting itself back in the queue.</summary>
    [GeneratedRegex(@"^scontrol\s+requeue(?:\s.*)?\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex RequeueLine();

    [GeneratedRegex(@"^exit(?:\s+(\d{1,9}))?\s*(?:[;#].*)?\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ExitLine();
}
