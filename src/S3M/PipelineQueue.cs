using System;
using System.Collections.Concurrent;
using System.Threading;

namespace S3M.Commands;

/// <summary>
/// The Write* calls that async work hands to the pipeline thread, and the signal that the
/// work is done. Performance (docs/performance.md): it replaces a BlockingCollection, whose
/// take spins before it blocks; on a machine with few cores that spinning took the CPU the
/// request itself needed. This waits without spinning.
/// </summary>
internal sealed class PipelineQueue
{
    private readonly ConcurrentQueue<Action> _actions = new ConcurrentQueue<Action>();
    // Never disposed: without a WaitHandle it holds nothing unmanaged, and a late Post may still Set it.
    private readonly ManualResetEventSlim _signal = new ManualResetEventSlim(false, spinCount: 0);
    private volatile bool _completed;

    /// <summary>Queues a Write* call; after the work is done there is nothing left to show it to, so it is dropped.</summary>
    public void Post(Action action)
    {
        if (_completed)
        {
            return;
        }

        _actions.Enqueue(action);
        _signal.Set();
    }

    public void Complete()
    {
        _completed = true;
        _signal.Set();
    }

    /// <summary>Runs queued calls on this (the pipeline) thread until the work is done; throws when cancelled.</summary>
    public void Drain(CancellationToken cancellationToken)
    {
        while (true)
        {
            _signal.Wait(cancellationToken);
            _signal.Reset();
            var completed = _completed;   // read first: whatever was posted before it is in the queue now
            while (_actions.TryDequeue(out var action))
            {
                action();
            }

            if (completed)
            {
                return;
            }
        }
    }
}
