using System;
using System.Threading;
using System.Threading.Tasks;
using S3M.Transport;

namespace S3M.Status;

/// <summary>
/// A value read at most once per freshness window: callers at the same moment share the one read
/// in flight, later callers get its result until it is stale. A failed read is kept for a shorter
/// while, so a sweep of many jobs does not ask a failing service once per job.
/// </summary>
internal sealed class SharedRead<T>
{
    private readonly object _gate = new object();
    private readonly Func<Task<T>> _read;
    private readonly Func<DateTimeOffset> _clock;
    private readonly TimeSpan _freshFor;
    private readonly TimeSpan _failedFor;
    private Task<T>? _current;
    private DateTimeOffset _staleAt;

    public SharedRead(Func<Task<T>> read, Func<DateTimeOffset> clock, TimeSpan freshFor, TimeSpan failedFor)
    {
        _read = read;
        _clock = clock;
        _freshFor = freshFor;
        _failedFor = failedFor;
    }

    /// <summary>The read in flight or still fresh, else a new one. Never cancelled by a caller: others may be waiting on it.</summary>
    public Task<T> Get()
    {
        Task<T> read;
        lock (_gate)
        {
            if (_current != null && (!_current.IsCompleted || _clock() < _staleAt))
            {
                return _current;
            }

            _staleAt = DateTimeOffset.MaxValue;
            // The read belongs to no caller: none of their Verbose sinks or Ctrl+C travels with it.
            using (S3mTrace.Begin(null))
            {
                read = Task.Run(_read);
            }
            _current = read;
        }
        read.ContinueWith(done =>
        {
            lock (_gate)
            {
                if (ReferenceEquals(_current, done))
                {
                    _staleAt = _clock() + (done.Status == TaskStatus.RanToCompletion ? _freshFor : _failedFor);
                }
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return read;
    }
}
