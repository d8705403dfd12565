using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using S3M.Status;

namespace S3M.Commands;

/// <summary>
/// What the Slurm cmdlets say about downtimes: a warning before a submit whose job could run into
/// one, and a word in a wait's progress line while jobs pend through one. The checks and the
/// cache are the client's (<see cref="DowntimeCalendar"/>); nothing here ever stops a job.
/// </summary>
internal static class DowntimeNotice
{
    /// <summary>Before a submit, and under -WhatIf: one warning per downtime the job's window meets.</summary>
    public static void WarnBeforeSubmit(S3mCmdlet cmdlet, S3mClient client, string resource, SlurmJobDescription job, string? apiVersion)
    {
        var check = cmdlet.Await(token => client.Downtimes.CheckJobAsync(resource, job, apiVersion, token));
        foreach (var warning in check.Warnings)
        {
            cmdlet.WriteWarning(warning);
        }
    }

    /// <summary>
    /// For a wait's progress line: "; odo: downtime 'X' began 10:00, 3 pending" for each resource
    /// with jobs still pending as a downtime of it has begun; "" when none.
    /// </summary>
    public static string WhilePending(S3mCmdlet cmdlet, DowntimeCalendar? calendar, IEnumerable<(string Resource, SlurmJob? Job)> jobs)
    {
        if (calendar == null)
        {
            return "";
        }

        var text = "";
        foreach (var pending in jobs.Where(j => j.Job?.State == "PENDING").GroupBy(j => j.Resource, System.StringComparer.OrdinalIgnoreCase))
        {
            var begun = cmdlet.Await(token => calendar.GetBegunAsync(pending.Key, token)).OrderBy(d => d.Start).FirstOrDefault();
            if (begun != null)
            {
                var what = begun.Description == null ? "a downtime" : $"downtime '{S3mNames.Printable(begun.Description)}'";
                text += $"; {pending.Key}: {what} {Began(begun)}, {pending.Count()} pending";
            }
        }

        return text;
    }

    /// <summary>"began 10:00" today, "began 2026-05-03 10:00" before; "is in effect" without a start.</summary>
    private static string Began(Downtime downtime)
    {
        if (!(downtime.Start is { } start))
        {
            return "is in effect";
        }

        var local = start.ToLocalTime();
        return "began " + local.ToString(local.Date == System.DateTimeOffset.Now.Date ? "HH:mm" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }
}
