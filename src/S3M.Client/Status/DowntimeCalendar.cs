using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using S3M.Slurm;
using S3M.Transport;

namespace S3M.Status;

/// <summary>
/// The downtimes a submit and a wait look at: S3M's two public lists (in effect now, and the next
/// ten days), read at most once per <see cref="FreshFor"/> per client however many jobs ask,
/// callers at the same moment sharing the one read in flight; and, for a job without a time
/// limit, its resource's partitions, read as sparingly. A read that fails, or takes longer than
/// <see cref="Patience"/>, never stops the caller: the check says it was not made (in Verbose)
/// and the job goes on.
/// </summary>
public sealed class DowntimeCalendar
{
    /// <summary>How long what was read is used before it is read again.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(5);

    /// <summary>How long a caller waits for a read before going on without it.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    // A failed read is tried again sooner than a good one, but not by every job of a sweep.
    private static readonly TimeSpan FailedFor = TimeSpan.FromSeconds(30);

    // How far ahead S3M's upcoming list looks.
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(10);

    private readonly StatusClient _status;
    private readonly SlurmClient _slurm;
    private readonly Func<DateTimeOffset> _clock;
    private readonly TimeSpan _patience;
    private readonly SharedRead<Schedule> _schedule;
    private readonly ConditionalWeakTable<Task, Deadline> _deadlines = new ConditionalWeakTable<Task, Deadline>();
    private readonly ConcurrentDictionary<string, SharedRead<SlurmPartition[]>> _partitions =
        new ConcurrentDictionary<string, SharedRead<SlurmPartition[]>>(StringComparer.OrdinalIgnoreCase);

    internal DowntimeCalendar(StatusClient status, SlurmClient slurm, Func<DateTimeOffset>? clock = null, TimeSpan? patience = null)
    {
        _status = status;
        _slurm = slurm;
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
        _patience = patience ?? Patience;
        _schedule = new SharedRead<Schedule>(ReadScheduleAsync, _clock, FreshFor, FailedFor);
    }

    /// <summary>
    /// Which downtimes of <paramref name="resource"/> the job could run into: its window is its
    /// begin time (or now) plus its time limit; an UNLIMITED job meets every downtime that ends
    /// after it begins; a job without a time limit gets its partition's default, as Slurm gives
    /// it (see about_S3M). Never throws for S3M's failures: the check then was not made.
    /// </summary>
    public async Task<DowntimeCheck> CheckJobAsync(string resource, SlurmJobDescription job, string? apiVersion, CancellationToken cancellationToken)
    {
        if (job == null)
        {
            throw new ArgumentNullException(nameof(job));
        }

        S3mNames.Check(resource, "Resource");
        var schedule = await WithinPatienceAsync(_schedule.Get(), "S3M's downtimes", "the job is not checked against them", cancellationToken).ConfigureAwait(false);
        if (schedule == null)
        {
            return DowntimeCheck.NotChecked(resource);
        }

        var listed = schedule.Of(resource);
        var window = await WindowAsync(resource, job, apiVersion, needPartitions: listed.Length > 0, cancellationToken).ConfigureAwait(false);
        var met = listed.Where(window.Meets).ToArray();
        S3mTrace.Write(listed.Length == 0
            ? $"Downtimes: none of {resource} now or in the next 10 days (S3M's lists as read at {LocalTime.At(schedule.ReadAt)})."
            : $"Downtimes: {listed.Length} of {resource} now or in the next 10 days (as read at {LocalTime.At(schedule.ReadAt)}); the job would run {window}, meeting {met.Length}.");
        if ((window.End ?? DateTimeOffset.MaxValue) > schedule.ReadAt + Horizon && window.TimeLimit != null)
        {
            S3mTrace.Write($"Downtimes: S3M lists them 10 days ahead, to {LocalTime.At(schedule.ReadAt + Horizon)}; the job may run past that, where none is checked.");
        }

        var name = job.Name == null ? "The job" : $"Job '{job.Name}'";
        var warnings = met.Select(d => $"{name} may run into a downtime of {resource}: {Describe(d)}. It would run {window}. "
            + "Slurm may keep it pending until the downtime is over; the module does not stop it.").ToArray();
        return new DowntimeCheck(resource, window, met, warnings);
    }

    /// <summary>
    /// The downtimes of <paramref name="resource"/> that have begun and not ended, for a wait's
    /// progress: those S3M listed as in effect, and upcoming ones whose start has passed since.
    /// Empty when S3M's lists could not be read in time (Verbose says why).
    /// </summary>
    public async Task<Downtime[]> GetBegunAsync(string resource, CancellationToken cancellationToken)
    {
        S3mNames.Check(resource, "Resource");
        var schedule = await WithinPatienceAsync(_schedule.Get(), "S3M's downtimes", "the progress line leaves them out", cancellationToken).ConfigureAwait(false);
        if (schedule == null)
        {
            return Array.Empty<Downtime>();
        }

        var now = _clock();
        // S3M's word that one is in effect stands even where this machine's clock is behind S3M's.
        return Schedule.Once(schedule.InEffect.Where(d => Schedule.IsOf(d, resource) && !(d.End <= now))
            .Concat(schedule.Upcoming.Where(d => Schedule.IsOf(d, resource) && d.Start <= now && !(d.End <= now))));
    }

    /// <summary>"'Scheduled maintenance', 2026-05-03 10:00 to 18:00 (UTC+02:00)".</summary>
    private static string Describe(Downtime downtime)
    {
        // S3M's words, bounded and on one line: a description could hold terminal escapes.
        var what = ErrorMapper.Clip(downtime.Description) is { } description ? $"'{description}'" : "(no description)";
        var start = downtime.Start is { } s ? LocalTime.At(s) : "an unknown start";
        var end = downtime.End is { } e ? (downtime.Start is { } from ? LocalTime.Later(from, e) : LocalTime.At(e)) : "an unknown end";
        return $"{what}, {start} to {end} ({LocalTime.Zone(downtime.Start ?? downtime.End ?? DateTimeOffset.UtcNow)})";
    }

    /// <summary>The job's window. Without a time limit, and with downtimes to check it against, its partition's default is read.</summary>
    private async Task<JobWindow> WindowAsync(string resource, SlurmJobDescription job, string? apiVersion, bool needPartitions, CancellationToken cancellationToken)
    {
        var now = _clock();
        var start = job.BeginTime is { } begin && begin > now ? begin : now;
        var startsNow = start == now;
        switch (job.TimeLimit)
        {
            case TimeSpan unlimited when unlimited == TimeSpan.MaxValue:
                return new JobWindow(start, startsNow, unlimited, "it has no time limit");
            case TimeSpan limit:
                return new JobWindow(start, startsNow, limit, $"its time limit of {SlurmTime.Format(limit)}");
        }

        if (!needPartitions)
        {
            return new JobWindow(start, startsNow, null, "no time limit given");
        }

        var read = _partitions.GetOrAdd(resource, r => new SharedRead<SlurmPartition[]>(
            async () => (await _slurm.GetPartitionsAsync(r, apiVersion, CancellationToken.None).ConfigureAwait(false)).Value, _clock, FreshFor, FailedFor));
        var partitions = await WithinPatienceAsync(read.Get(), $"the partitions of {resource}", "only the job's start is checked", cancellationToken).ConfigureAwait(false);
        var (partitionLimit, basis) = PartitionLimit(resource, job.Partition, partitions);
        return new JobWindow(start, startsNow, partitionLimit, basis);
    }

    /// <summary>
    /// The time limit Slurm gives a job that sets none: its partition's DefaultTime, else the
    /// partition's MaxTime. slurmrestd does not say which partition is the default, so a job that
    /// names none is given the longest of them: the window Slurm could give it. Null when unknown.
    /// </summary>
    internal static (TimeSpan? Limit, string Basis) PartitionLimit(string resource, string? named, SlurmPartition[]? partitions)
    {
        if (partitions == null)
        {
            return (null, $"no time limit given, and the partitions of {resource} could not be read");
        }

        // sbatch -p takes a list; the job runs in whichever starts it first.
        var names = named?.Split(',').Select(n => n.Trim()).Where(n => n.Length > 0).ToArray();
        var candidates = partitions
            .Where(p => names == null || names.Contains(p.Name, StringComparer.Ordinal))
            .Select(p => (Partition: p, Limit: p.DefaultTime ?? p.MaximumTime))
            .Where(c => c.Limit != null)
            .OrderByDescending(c => c.Limit)
            .ToArray();
        if (candidates.Length == 0)
        {
            return (null, names == null
                ? $"no time limit given, and no partition of {resource} has a default"
                : $"no time limit given, and {resource} lists no default for partition {named}");
        }

        var (partition, limit) = candidates[0];
        var kind = partition.DefaultTime != null ? "default" : "maximum";
        var text = limit == TimeSpan.MaxValue ? "UNLIMITED" : SlurmTime.Format(limit!.Value);
        return (limit, names == null
            ? $"no time limit given; {partition.Name} has the longest {kind} of {resource}'s partitions, {text}, and S3M does not say which is the default"
            : $"no time limit given; the {kind} of partition {partition.Name}, {text}");
    }

    /// <summary>
    /// The shared read's value, or null when it failed or did not come within the patience (Verbose
    /// says which, and <paramref name="consequence"/>). The patience is counted from the first
    /// caller that waited on this read, not per caller: when S3M's status hangs, a sweep that
    /// checks its scripts one after the other waits once, not once per script.
    /// </summary>
    private async Task<T?> WithinPatienceAsync<T>(Task<T> read, string what, string consequence, CancellationToken cancellationToken)
        where T : class
    {
        if (!read.IsCompleted)
        {
            var deadline = _deadlines.GetValue(read, _ => new Deadline(_patience));
            var left = deadline.Left;
            if (left > TimeSpan.Zero)
            {
                using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    var first = await Task.WhenAny(read, Task.Delay(left, stop.Token)).ConfigureAwait(false);
                    stop.Cancel();
                    cancellationToken.ThrowIfCancellationRequested();
                    if (first != read)
                    {
                        deadline.Pass();
                    }
                }
            }

            if (!read.IsCompleted)
            {
                S3mTrace.Write($"Downtimes: {what} did not come within {_patience.TotalSeconds:0.#} s; {consequence}.");
                return null;
            }
        }

        try
        {
            return await read.ConfigureAwait(false);
        }
        catch (S3mException e)
        {
            S3mTrace.Write($"Downtimes: {what} could not be read ({e.Message}); {consequence}.");
            return null;
        }
    }

    /// <summary>When callers stop waiting for one read: once passed, later callers go on at once.</summary>
    private sealed class Deadline
    {
        private readonly Stopwatch _since = Stopwatch.StartNew();
        private readonly TimeSpan _patience;
        private volatile bool _passed;

        public Deadline(TimeSpan patience) => _patience = patience;

        public TimeSpan Left => _passed || _since.Elapsed >= _patience ? TimeSpan.Zero : _patience - _since.Elapsed;

        public void Pass() => _passed = true;
    }

    private async Task<Schedule> ReadScheduleAsync()
    {
        var now = _status.GetDowntimesAsync(upcoming: false, CancellationToken.None);
        var upcoming = _status.GetDowntimesAsync(upcoming: true, CancellationToken.None);
        // Both awaited, so a failure of the second is never left unobserved.
        await Task.WhenAll(now, upcoming).ConfigureAwait(false);
        return new Schedule(_clock(), now.Result, upcoming.Result);
    }

    /// <summary>S3M's two lists as read at one moment.</summary>
    private sealed class Schedule
    {
        public Schedule(DateTimeOffset readAt, Downtime[] inEffect, Downtime[] upcoming)
        {
            ReadAt = readAt;
            InEffect = inEffect;
            Upcoming = upcoming;
        }

        public DateTimeOffset ReadAt { get; }
        public Downtime[] InEffect { get; }
        public Downtime[] Upcoming { get; }

        public static bool IsOf(Downtime downtime, string resource) => string.Equals(downtime.ResourceName, resource, StringComparison.OrdinalIgnoreCase);

        /// <summary>Both lists' downtimes of <paramref name="resource"/>, each once: a status page may list one under way as upcoming too.</summary>
        public Downtime[] Of(string resource) => Once(InEffect.Concat(Upcoming).Where(d => IsOf(d, resource)));

        public static Downtime[] Once(IEnumerable<Downtime> downtimes) =>
            downtimes.GroupBy(d => (d.ResourceName?.ToUpperInvariant(), d.Start, d.End, d.Description)).Select(g => g.First()).ToArray();
    }
}
