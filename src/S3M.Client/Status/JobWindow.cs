using System;
using System.Globalization;

namespace S3M;

/// <summary>
/// When a job could run, as a downtime check sees it: from its begin time (or now) for its time
/// limit. Built by <see cref="Status.DowntimeCalendar.CheckJobAsync"/>.
/// </summary>
public sealed class JobWindow
{
    internal JobWindow(DateTimeOffset start, bool startsNow, TimeSpan? timeLimit, string basis)
    {
        Start = start;
        StartsNow = startsNow;
        TimeLimit = timeLimit;
        Basis = basis;
    }

    public DateTimeOffset Start { get; }

    /// <summary>False when a begin time later than now holds the job back.</summary>
    public bool StartsNow { get; }

    /// <summary>The time limit the window ends with: <see cref="TimeSpan.MaxValue"/> for none (UNLIMITED); null when it could not be learnt, and then only the start is checked.</summary>
    public TimeSpan? TimeLimit { get; }

    /// <summary>The latest end; null when there is none (UNLIMITED) or it is not known.</summary>
    public DateTimeOffset? End => TimeLimit is { } limit && limit != TimeSpan.MaxValue
        ? (DateTimeOffset.MaxValue - Start > limit ? Start + limit : DateTimeOffset.MaxValue)
        : null;

    /// <summary>Where the time limit came from, in words: "its time limit of 1:00:00".</summary>
    public string Basis { get; }

    /// <summary>
    /// Whether the job could be running while <paramref name="downtime"/> is: it starts before the
    /// downtime ends, and ends after the downtime starts. A downtime without a start counts from
    /// always, one without an end lasts; a window of unknown length is its start alone.
    /// </summary>
    public bool Meets(Downtime downtime)
    {
        var start = downtime.Start ?? DateTimeOffset.MinValue;
        var end = downtime.End ?? DateTimeOffset.MaxValue;
        if (end <= Start)
        {
            return false;
        }

        if (TimeLimit == null)
        {
            return start <= Start;
        }

        return End is not { } windowEnd || start < windowEnd;
    }

    /// <summary>"from now until 2026-05-03 11:00 (its time limit of 1:00:00)", in local time.</summary>
    public override string ToString()
    {
        var from = StartsNow ? "from now" : $"from its begin time, {LocalTime.At(Start)},";
        if (TimeLimit == TimeSpan.MaxValue)
        {
            return $"{from} with no end ({Basis})";
        }

        return End is { } end
            ? $"{from} until {LocalTime.Later(Start, end)} ({Basis})"
            : $"{from} for a time not known ({Basis}): only its start is checked";
    }
}

/// <summary>Times in messages: local, to the minute, the date left out where the time before it gives it.</summary>
internal static class LocalTime
{
    public static string At(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary><paramref name="later"/>, without its date when it falls on the day of <paramref name="earlier"/>.</summary>
    public static string Later(DateTimeOffset earlier, DateTimeOffset later) =>
        earlier.ToLocalTime().Date == later.ToLocalTime().Date
            ? later.ToLocalTime().ToString("HH:mm", CultureInfo.InvariantCulture)
            : At(later);

    /// <summary>"UTC+02:00": the offset the times of a message are in.</summary>
    public static string Zone(DateTimeOffset time) => "UTC" + time.ToLocalTime().ToString("zzz", CultureInfo.InvariantCulture);
}
