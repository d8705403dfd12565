using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using S3M.Slurm;
using S3M.Status;
using S3M.Transport;

namespace S3M.Commands;

/// <summary>
/// Waits for jobs to start or finish: one <c>/jobs</c> call per resource per round (jobs that
/// have left the controller's list are asked for concurrently), a progress bar, and a deadline
/// after which each unfinished job is an S3M.Timeout error. Ctrl+C ends the wait at once. The
/// progress line says when jobs still pend as a downtime of their resource has begun.
/// </summary>
internal sealed class SlurmJobWaiter
{
    private readonly S3mCmdlet _cmdlet;
    private readonly SlurmClient _slurm;
    private readonly string? _apiVersion;

    public SlurmJobWaiter(S3mCmdlet cmdlet, SlurmClient slurm, string? apiVersion)
    {
        _cmdlet = cmdlet;
        _slurm = slurm;
        _apiVersion = apiVersion;
    }

    public bool UntilStarted { get; set; }
    public TimeSpan? Timeout { get; set; }
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Where begun downtimes are looked up for the progress line; null: not at all.</summary>
    public DowntimeCalendar? Downtimes { get; set; }

    public void Wait(IReadOnlyList<(string Resource, int JobId)> jobs, Action<SlurmJob> reached)
    {
        var pending = jobs.Distinct().ToList();
        var total = pending.Count;
        var states = new Dictionary<(string, int), SlurmJob>();
        var loop = new PollLoop(_cmdlet, 0x53334D, UntilStarted ? "Waiting for Slurm jobs to start" : "Waiting for Slurm jobs to finish", Timeout, PollInterval);
        var done = pending.Count == 0 || loop.Run(progress =>
        {
            states = Poll(pending);
            // In the order asked; a sweep has hundreds of jobs, so no search per job.
            var arrived = pending.Where(p => states.TryGetValue(p, out var job) && Reached(job)).ToList();
            pending.RemoveAll(p => states.TryGetValue(p, out var job) && Reached(job));
            foreach (var key in arrived)
            {
                reached(states[key]);
            }
            if (pending.Count == 0)
            {
                return true;
            }

            ShowProgress(progress, total, pending, states);
            return false;
        });
        if (!done)
        {
            foreach (var (resource, id) in pending)
            {
                _cmdlet.WriteItemError(TimedOut(resource, id, states), id);
            }
        }
    }

    private bool Reached(SlurmJob job) => UntilStarted ? job.IsStarted : job.IsFinished;

    /// <summary>The jobs' current states; a job Slurm no longer knows is reported and dropped.</summary>
    private Dictionary<(string, int), SlurmJob> Poll(List<(string Resource, int JobId)> pending)
    {
        var states = new Dictionary<(string, int), SlurmJob>();
        foreach (var group in pending.GroupBy(p => p.Resource, StringComparer.OrdinalIgnoreCase).ToList())
        {
            var listed = new Dictionary<int, SlurmJob>();
            foreach (var job in _cmdlet.ValueOf(_cmdlet.Await(token => _slurm.GetJobsAsync(group.Key, _apiVersion, token))))
            {
                listed[job.JobId] = job;
            }

            var missing = new List<(string Resource, int JobId)>();
            foreach (var (resource, id) in group)
            {
                if (listed.TryGetValue(id, out var job))
                {
                    states[(resource, id)] = job;
                }
                else
                {
                    missing.Add((resource, id));
                }
            }

            // Finished jobs age out of the controller's list; accounting still has them, asked concurrently.
            if (missing.Count > 0)
            {
                var found = new SlurmResult<SlurmJob>?[missing.Count];
                var failed = new S3mException?[missing.Count];
                _cmdlet.Await(token => _slurm.GetJobsAsync(group.Key, _apiVersion, missing.Select(m => (long)m.JobId).ToList(),
                    (i, job) => found[i] = job, (i, _, e) => failed[i] = e, token));
                for (var i = 0; i < missing.Count; i++)
                {
                    if (found[i] is { } job)
                    {
                        states[missing[i]] = _cmdlet.ValueOf(job);
                    }
                    else if (failed[i] is { Kind: S3mErrorKind.NotFound } gone)
                    {
                        _cmdlet.WriteItemError(gone, missing[i].JobId);
                        pending.Remove(missing[i]);
                    }
                    else if (failed[i] is S3mException e)
                    {
                        throw e;
                    }
                }
            }
        }
        return states;
    }

    private void ShowProgress(ProgressRecord progress, int total, List<(string Resource, int JobId)> pending, Dictionary<(string, int), SlurmJob> states)
    {
        var done = total - pending.Count;
        var summary = string.Join(", ", pending.Select(p => states.TryGetValue(p, out var j) ? j.State : null)
            .Where(s => s != null).GroupBy(s => s).Select(g => $"{g.Count()} {g.Key}"));
        var downtimes = DowntimeNotice.WhilePending(_cmdlet, Downtimes, pending.Select(p => (p.Resource, states.TryGetValue(p, out var j) ? j : null)));
        progress.StatusDescription = $"{done} of {total} done; waiting: {summary}{downtimes}";
        progress.PercentComplete = total == 0 ? 100 : done * 100 / total;
        progress.CurrentOperation = string.Join(", ", pending.Take(5).Select(p => $"{p.Resource}/{p.JobId}")) + (pending.Count > 5 ? ", ..." : "");
    }

    private S3mException TimedOut(string resource, int id, Dictionary<(string, int), SlurmJob> states)
    {
        var state = states.TryGetValue((resource, id), out var job) ? job.State : "unknown";
        return new S3mException(S3mErrorKind.Timeout,
            $"Job {id} on {resource} did not {(UntilStarted ? "start" : "finish")} within {Timeout}; it is {state}. Wait again with Wait-S3mSlurmJob, or stop it with Stop-S3mSlurmJob.");
    }
}
