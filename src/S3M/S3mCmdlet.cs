using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using S3M.Transport;

namespace S3M.Commands
{
    /// <summary>
    /// Base of every S3M cmdlet: Ctrl+C, the bridge from async client calls to
    /// the pipeline thread, and S3M errors turned into error records.
    /// </summary>
    public abstract class S3mCmdlet : PSCmdlet
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private BlockingCollection<Action>? _pipelineWork;

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
                ThrowTerminatingError(ErrorRecords.From(e, e.Request));
            }
        }

        /// <summary>
        /// Runs async client work off the pipeline thread and waits for it here, writing what it
        /// reports (Verbose, warnings, progress) on this thread, as PowerShell requires. Ctrl+C cancels the
        /// work and returns at once.
        /// </summary>
        protected internal T Await<T>(Func<CancellationToken, Task<T>> work)
        {
            var queue = new BlockingCollection<Action>();
            var outer = _pipelineWork;
            _pipelineWork = queue;
            try
            {
                Task<T> task;
                using (S3mTrace.Begin(message => Post(queue, () => WriteVerbose(message)), warning => Post(queue, () => WriteWarning(warning))))
                {
                    // Task.Run captures the trace scope (AsyncLocal) before it is left.
                    task = Task.Run(() => work(_stop.Token));
                }
                task.ContinueWith(_ => queue.CompleteAdding(), TaskScheduler.Default);
                try
                {
                    foreach (var action in queue.GetConsumingEnumerable(_stop.Token)) action();
                }
                catch (OperationCanceledException)
                {
                    throw new PipelineStoppedException();
                }
                try
                {
                    return task.GetAwaiter().GetResult();
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    throw new PipelineStoppedException();
                }
            }
            finally
            {
                _pipelineWork = outer;
            }
        }

        protected internal void Await(Func<CancellationToken, Task> work) =>
            Await<bool>(async token => { await work(token).ConfigureAwait(false); return true; });

        /// <summary>Queues <paramref name="action"/> (a Write* call) to run on the pipeline thread; for use inside <see cref="Await{T}"/>.</summary>
        protected void OnPipeline(Action action)
        {
            var queue = _pipelineWork;
            if (queue != null) Post(queue, action);
        }

        private static void Post(BlockingCollection<Action> queue, Action action)
        {
            try { queue.Add(action); }
            catch (InvalidOperationException) { /* the call already finished: nothing left to show it to */ }
        }

        /// <summary>An S3M error about one item of a bulk call: written, and the call goes on.</summary>
        protected internal void WriteItemError(S3mException e, object? item) => WriteError(ErrorRecords.From(e, item ?? e.Request));

        /// <summary>True under -WhatIf or $WhatIfPreference: then nothing may be sent.</summary>
        protected bool WhatIfRequested =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value)
                ? LanguagePrimitives.IsTrue(value)
                : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
    }
}
