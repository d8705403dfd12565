using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using S3M.Slurm;
using S3M.Transport;

namespace S3M.Commands;

/// <summary>
/// Base of every S3M cmdlet: Ctrl+C, the bridge from async client calls to
/// the pipeline thread, and S3M errors turned into error records.
/// </summary>
public abstract class S3mCmdlet : PSCmdlet
{
    private readonly CancellationTokenSource _stop = new CancellationTokenSource();

    // How long a stopped call may take to report whether its request may have reached S3M.
    private static readonly TimeSpan StopGrace = TimeSpan.FromMilliseconds(500);

    // What the client said of each call stopped after its request may have left (S3mTrace's stopped sink).
    private readonly ConcurrentQueue<string> _stoppedNotices = new ConcurrentQueue<string>();

    protected override void StopProcessing() => _stop.Cancel();

    protected sealed override void ProcessRecord() => Guarded(ProcessS3mRecord);

    protected sealed override void EndProcessing() => Guarded(EndS3mProcessing);

    /// <summary>The cmdlet's work for one pipeline record. An S3M error it throws ends the command.</summary>
    protected abstract void ProcessS3mRecord();

    /// <summary>Work after the last record (cmdlets that gather their input first).</summary>
    protected virtual void EndS3mProcessing() { }

    private void Guarded(Action work)
    {
        try
        {
            work();
        }
        catch (S3mException e)
        {
            // The command's one thing failed: stop, as Invoke-RestMethod does. Bulk cmdlets
            // catch per item and write non-terminating errors (WriteItemError) instead.
            ThrowTerminatingError(ErrorRecords.From(e, e.Request, OutcomeCheckFor(e)));
        }
    }

    /// <summary>
    /// Runs async client work off the pipeline thread and waits for it here, writing what it
    /// reports (Verbose, warnings, progress) on this thread, as PowerShell requires. Ctrl+C cancels the
    /// work and returns at once.
    /// </summary>
    protected internal T Await<T>(Func<CancellationToken, Task<T>> work) => Run((token, _) => work(token));

    /// <summary>
    /// Await for bulk work that writes as it goes: it hands each write (its results, in order) to
    /// the <c>Action&lt;Action&gt;</c> it is given, and the pipeline thread runs them before this returns.
    /// </summary>
    protected internal void Await(Func<CancellationToken, Action<Action>, Task> work) =>
        Run<bool>(async (token, post) => { await work(token, post).ConfigureAwait(false); return true; });

    private T Run<T>(Func<CancellationToken, Action<Action>, Task<T>> work)
    {
        var queue = new PipelineQueue();
        Task<T> task;
        // Performance (docs/performance.md): a Verbose message that nobody will see is neither
        // built nor queued, because each one wakes the pipeline thread; a bulk call makes one per request.
        Action<string>? verbose = VerboseShown() ? message => queue.Post(() => WriteVerbose(message)) : null;
        using (S3mTrace.Begin(verbose, _stoppedNotices.Enqueue))
        {
            // Task.Run captures the trace scope (AsyncLocal) before it is left.
            task = Task.Run(() => work(_stop.Token, queue.Post));
        }
        task.ContinueWith(_ => queue.Complete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            queue.Drain(_stop.Token);
        }
        catch (Exception e)
        {
            // Ctrl+C; or a write that threw, which stops this command without Ctrl+C (a downstream
            // Select-Object -First, a downstream error): either way the work must not go on unseen.
            _stop.Cancel();
            TellStopped(task);
            if (e is OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }

            throw;
        }
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            TellStopped(task);
            throw new PipelineStoppedException();
        }
    }

    /// <summary>
    /// Ctrl+C stopped work whose requests may already have reached S3M (a submit, a provision):
    /// the user must hear that they may have taken effect. WriteWarning throws while the pipeline
    /// stops, so the line goes to the host's UI, which still shows it (and which a runspace's
    /// Streams.Warning records).
    /// </summary>
    private void TellStopped(Task task)
    {
        // Cancelled work ends at once; it says whether its requests may have left before it does.
        ((IAsyncResult)task).AsyncWaitHandle.WaitOne(StopGrace);
        var notices = new List<string>();
        while (_stoppedNotices.TryDequeue(out var notice))
        {
            notices.Add(notice);
        }

        // A bulk call stopped with several requests under way says so once, with how many.
        var told = notices.GroupBy(n => n).Select(g => g.Count() == 1 ? g.Key : $"{g.Key} ({g.Count()} such requests were under way.)").ToList();
        if (StoppedDetail() is string detail)
        {
            told.Add(detail);
        }

        if (told.Count == 0)
        {
            return;
        }

        try { Host?.UI?.WriteWarningLine(string.Join(" ", told) + " " + ErrorRecords.OutcomeAdvice(OutcomeCheck)); }
        catch (Exception e) when (e is PipelineStoppedException || e is InvalidOperationException || e is System.IO.IOException)
        {
            // No host left to tell: the pipeline is stopping anyway.
        }
    }

    /// <summary>
    /// For a bulk change stopped by Ctrl+C: which of its items took effect, may have, or were
    /// never sent, added to the warning that says the command was stopped. Null: nothing to add.
    /// </summary>
    protected virtual string? StoppedDetail() => null;

    protected internal void Await(Func<CancellationToken, Task> work) =>
        Await<bool>(async token => { await work(token).ConfigureAwait(false); return true; });

    /// <summary>Writes what Slurm warned about as warnings, and returns what it answered.</summary>
    protected internal T ValueOf<T>(SlurmResult<T> result)
    {
        foreach (var warning in result.Warnings)
        {
            WriteWarning(warning);
        }

        return result.Value;
    }

    /// <summary>Whether WriteVerbose would show anything: -Verbose, else $VerbosePreference.</summary>
    private bool VerboseShown()
    {
        if (MyInvocation.BoundParameters.TryGetValue("Verbose", out var value))
        {
            return LanguagePrimitives.IsTrue(value);
        }

        return !LanguagePrimitives.TryConvertTo(GetVariableValue("VerbosePreference"), out ActionPreference preference)
            || (preference != ActionPreference.SilentlyContinue && preference != ActionPreference.Ignore);
    }

    /// <summary>
    /// Whether a failure belongs to one item of a bulk call (write it and go on) rather than
    /// to the whole command: bad arguments found here and a missing session stop everything,
    /// but what the server refused (its 400, which is also S3M.InvalidArgument) is that item's.
    /// </summary>
    protected internal static bool IsItemFailure(S3mException e) =>
        e.StatusCode.HasValue || (e.Kind != S3mErrorKind.InvalidArgument && e.Kind != S3mErrorKind.NotConnected);

    /// <summary>An S3M error about one item of a bulk call: written, and the call goes on.</summary>
    protected internal void WriteItemError(S3mException e, object? item) => WriteError(ErrorRecords.From(e, item ?? e.Request, OutcomeCheckFor(e)));

    /// <summary>
    /// For a cmdlet that changes something: the command that shows whether a change whose answer
    /// was lost took effect, offered in its error (S3M.OutcomeUnknown) and its Ctrl+C warning.
    /// </summary>
    protected virtual string? OutcomeCheck => null;

    /// <summary>The <see cref="OutcomeCheck"/> for one error, which may know more (a submission's tag).</summary>
    protected virtual string? OutcomeCheckFor(S3mException e) => OutcomeCheck;

    /// <summary>True under -WhatIf or $WhatIfPreference: then nothing may be sent.</summary>
    protected bool WhatIfRequested =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value)
            ? LanguagePrimitives.IsTrue(value)
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    /// <summary>ShouldProcess, except that -Force skips the confirmation; -WhatIf still sends nothing.</summary>
    protected bool ShouldProcessUnlessForced(bool force, string target, string action) =>
        (force && !WhatIfRequested) || ShouldProcess(target, action);

    /// <summary>Refuses a wait that could never end sensibly: a non-positive timeout, a poll too tight or too slack.</summary>
    protected static void CheckWaitTimes(TimeSpan? timeout, TimeSpan pollInterval)
    {
        if (timeout.HasValue && timeout.Value <= TimeSpan.Zero)
        {
            throw S3mException.InvalidArgument("Timeout", "must be greater than zero.");
        }

        if (pollInterval < TimeSpan.FromMilliseconds(100) || pollInterval > TimeSpan.FromHours(1))
        {
            throw S3mException.InvalidArgument("PollInterval", "must be between 100 milliseconds and 1 hour.");
        }
    }
}
