using System;
using System.Collections.Generic;
using System.Linq;
using S3M.Slurm;
using S3M.Transport;

namespace S3M.Commands;

/// <summary>
/// The scripts one Submit-S3mSlurmJob gathered from the pipeline, sent together once the input
/// has ended: up to a limit at once (SlurmClient.SubmitAsync of many plans), each exactly once,
/// the submissions (or their errors) written in input order as they come in; with -Wait, one
/// shared wait for every job. Bad input stops the command before anything is sent, since every
/// script is read and checked first.
/// </summary>
internal sealed class SubmissionSweep
{
    private readonly S3mCmdlet _cmdlet;
    private readonly bool _wait;
    private readonly List<SubmitPlan> _plans = new List<SubmitPlan>();
    private readonly List<object?> _items = new List<object?>();
    private SlurmSubmission?[] _submitted = Array.Empty<SlurmSubmission?>();
    private S3mException?[] _failed = Array.Empty<S3mException?>();
    private int _throttleLimit;

    // How many, from the first, were handed over (written, or reported as errors); the pipeline thread's count.
    private int _written;

    // A failure that ends the command (no session), thrown once every result that came in is written.
    private S3mException? _fatal;

    // With -Wait: the jobs waited for, those finished by input position, and how many of them were written.
    private List<SlurmSubmission>? _waited;
    private SlurmJob?[]? _finished;
    private int _finishedWritten;

    public SubmissionSweep(S3mCmdlet cmdlet, bool wait)
    {
        _cmdlet = cmdlet;
        _wait = wait;
    }

    /// <summary>The submission tag when the sweep is one script: what a Ctrl+C warning can name.</summary>
    public string? OnlyTag => _plans.Count == 1 ? _plans[0].SubmissionTag : null;

    /// <summary>Adds a checked script; <paramref name="item"/> names it in its error.</summary>
    public void Add(SubmitPlan plan, object? item)
    {
        _plans.Add(plan);
        _items.Add(item);
    }

    /// <summary>
    /// Sends every plan, <paramref name="throttleLimit"/> at once, and writes the submissions
    /// (without -Wait) and the refusals in input order; returns the submissions, in input order.
    /// </summary>
    public List<SlurmSubmission> Send(SlurmClient slurm, int throttleLimit)
    {
        _throttleLimit = throttleLimit;
        _submitted = new SlurmSubmission?[_plans.Count];
        _failed = new S3mException?[_plans.Count];
        // The callbacks run on the workers: each records its result, then asks the pipeline thread to write what is ready.
        _cmdlet.Await((token, post) => slurm.SubmitAsync(_plans, throttleLimit,
            (i, submission) => { _submitted[i] = submission; post(WriteReady); },
            (i, e) => { _failed[i] = e; post(WriteReady); },
            token));
        if (_fatal != null)
        {
            throw _fatal;
        }

        return _submitted.Where(s => s != null).Select(s => s!).ToList();
    }

    /// <summary>Writes the results that are in, from the first not yet written, up to the first still out.</summary>
    private void WriteReady()
    {
        while (_written < _plans.Count && (_submitted[_written] != null || _failed[_written] != null))
        {
            var i = _written++;
            if (_failed[i] is S3mException e)
            {
                if (S3mCmdlet.IsItemFailure(e))
                {
                    // One script failed at the server: say so and go on with the rest.
                    _cmdlet.WriteItemError(e, _items[i]);
                }
                else
                {
                    _fatal ??= e;
                }

                continue;
            }

            var submission = _submitted[i]!;
            foreach (var warning in submission.Warnings)
            {
                _cmdlet.WriteWarning(warning);
            }

            if (!_wait)
            {
                _cmdlet.WriteObject(submission);
            }
        }
    }

    /// <summary>
    /// Waits for the submitted jobs together (one poll of /jobs per round for all of them) and
    /// writes each finished job in input order: a job is written once those before it are.
    /// </summary>
    public void Wait(SlurmJobWaiter waiter, List<SlurmSubmission> submitted)
    {
        var position = new Dictionary<int, int>();
        for (var i = 0; i < submitted.Count; i++)
        {
            position[submitted[i].JobId] = i;
        }

        _waited = submitted;
        _finished = new SlurmJob?[submitted.Count];
        waiter.Wait(submitted.Select(s => (s.Resource!, s.JobId)).ToList(), job =>
        {
            _finished[position[job.JobId]] = job;
            while (_finishedWritten < _finished.Length && _finished[_finishedWritten] != null)
            {
                _cmdlet.WriteObject(_finished[_finishedWritten++]);
            }
        });
        // Those behind a job that did not finish (its error is written) come out at the end.
        for (; _finishedWritten < _finished.Length; _finishedWritten++)
        {
            if (_finished[_finishedWritten] is SlurmJob job)
            {
                _cmdlet.WriteObject(job);
            }
        }
    }

    /// <summary>
    /// What Ctrl+C left unsaid: the jobs submitted and not yet written, the scripts that may have
    /// been submitted (under way), and those never sent. Null for a single script while it is sent
    /// (the client's own notice says all there is).
    /// </summary>
    public string? StoppedDetail()
    {
        if (_waited != null && _finished != null)
        {
            var waiting = Enumerable.Range(_finishedWritten, _finished.Length - _finishedWritten).Select(i => _waited[i].JobId).ToList();
            return waiting.Count == 0 ? null : $"The wait was stopped; these jobs were submitted and not yet written: {JobList(waiting)}.";
        }

        if (_plans.Count < 2 || _submitted.Length == 0)
        {
            return null;
        }

        var parts = new List<string>();
        var rest = Enumerable.Range(_written, _plans.Count - _written).ToList();
        var known = rest.Where(i => _submitted[i] != null).Select(i => $"{Label(i)} (job {_submitted[i]!.JobId})").ToList();
        if (known.Count > 0)
        {
            parts.Add($"Submitted and not yet written when stopped: {string.Join(", ", known)}.");
        }
        // Workers take the scripts in order and at most the limit are under way: the ones that may
        // have been sent are among the first of those without an answer, and all after them were not.
        var open = rest.Where(i => _submitted[i] == null && (_failed[i] == null || _failed[i]!.Kind == S3mErrorKind.OutcomeUnknown)).ToList();
        var unanswered = open.Where(i => _failed[i] != null).Concat(open.Where(i => _failed[i] == null).Take(_throttleLimit)).OrderBy(i => i).ToList();
        if (unanswered.Count > 0)
        {
            parts.Add($"Perhaps submitted (under way or next when stopped): {string.Join(", ", unanswered.Select(TaggedLabel))}.");
        }

        var notSent = open.Where(i => _failed[i] == null).Skip(_throttleLimit).ToList();
        if (notSent.Count > 0)
        {
            parts.Add($"Not sent: the last {notSent.Count} of {_plans.Count} scripts, from {Label(notSent[0])} on.");
        }

        return parts.Count == 0 ? null : string.Join(" ", parts);
    }

    private string Label(int i) => _items[i]?.ToString() ?? $"script {i + 1}";

    /// <summary>The label, with the tag by which the job, if it was queued, can be found.</summary>
    private string TaggedLabel(int i) => _plans[i].SubmissionTag is string tag ? $"{Label(i)} (tag {tag})" : Label(i);

    /// <summary>Job IDs as ranges where they run on: 4200-4263, 4265.</summary>
    private string JobList(List<int> ids)
    {
        var resource = _plans[0].Resource;
        var ranges = new List<string>();
        ids.Sort();
        for (var i = 0; i < ids.Count;)
        {
            var j = i;
            while (j + 1 < ids.Count && ids[j + 1] == ids[j] + 1)
            {
                j++;
            }

            ranges.Add(j == i ? $"{ids[i]}" : $"{ids[i]}-{ids[j]}");
            i = j + 1;
        }

        return $"{resource} job{(ids.Count == 1 ? "" : "s")} {string.Join(", ", ranges)}";
    }
}
