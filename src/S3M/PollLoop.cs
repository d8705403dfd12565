using System;
using System.Management.Automation;
using System.Threading.Tasks;

namespace S3M.Commands;

/// <summary>
/// The one way a cmdlet waits on S3M (Slurm jobs, streaming clusters): rounds of asking, a
/// progress bar each round fills in, a pause between rounds that never overshoots the deadline,
/// and the bar closed however the wait ends. Ctrl+C ends the pause at once.
/// </summary>
internal sealed class PollLoop
{
    private readonly S3mCmdlet _cmdlet;
    private readonly ProgressRecord _progress;
    private readonly TimeSpan? _timeout;
    private readonly TimeSpan _pollInterval;

    public PollLoop(S3mCmdlet cmdlet, int activityId, string activity, TimeSpan? timeout, TimeSpan pollInterval)
    {
        _cmdlet = cmdlet;
        _progress = new ProgressRecord(activityId, activity, "Asking S3M");
        _timeout = timeout;
        _pollInterval = pollInterval;
    }

    /// <summary>
    /// Runs <paramref name="round"/> until it says the wait is over (true), and shows the
    /// progress it set after each other round. False when the deadline came first.
    /// </summary>
    public bool Run(Func<ProgressRecord, bool> round)
    {
        var deadline = _timeout.HasValue ? DateTimeOffset.UtcNow + _timeout.Value : (DateTimeOffset?)null;
        try
        {
            while (true)
            {
                if (round(_progress))
                {
                    return true;
                }

                _cmdlet.WriteProgress(_progress);
                var now = DateTimeOffset.UtcNow;
                if (deadline.HasValue && now >= deadline.Value)
                {
                    return false;
                }

                var sleep = deadline.HasValue && deadline.Value - now < _pollInterval ? deadline.Value - now : _pollInterval;
                _cmdlet.Await(token => Task.Delay(sleep, token));
            }
        }
        finally
        {
            _progress.RecordType = ProgressRecordType.Completed;
            _cmdlet.WriteProgress(_progress);
        }
    }
}
