using System;

namespace S3M;

/// <summary>What a downtime check found for one job: the downtimes its window meets, and the warnings to show.</summary>
public sealed class DowntimeCheck
{
    internal DowntimeCheck(string resource, JobWindow? window, Downtime[] downtimes, string[] warnings)
    {
        Resource = resource;
        Window = window;
        Downtimes = downtimes;
        Warnings = warnings;
    }

    public string Resource { get; }

    /// <summary>False when S3M's downtimes could not be read in time: nothing was checked (Verbose said why).</summary>
    public bool Checked => Window != null;

    /// <summary>The job's window; null when nothing was checked.</summary>
    public JobWindow? Window { get; }

    /// <summary>The resource's downtimes, in effect or upcoming, that the window meets.</summary>
    public Downtime[] Downtimes { get; }

    /// <summary>One line per downtime met, naming it, its times and description, and the job's window.</summary>
    public string[] Warnings { get; }

    internal static DowntimeCheck NotChecked(string resource) =>
        new DowntimeCheck(resource, null, Array.Empty<Downtime>(), Array.Empty<string>());
}
