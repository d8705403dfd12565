namespace S3M.Emulator;

/// <summary>
/// The one clock behind everything time-dependent (token expiry, downtimes, timestamps), so tests
/// can move time forward through <c>/_emulator/clock</c> instead of sleeping.
/// </summary>
internal sealed class EmulatorClock : TimeProvider
{
    private readonly TimeProvider real;
    private long offsetTicks;

    public EmulatorClock(TimeProvider real)
    {
        this.real = real;
        var now = real.GetUtcNow();
        // Whole seconds, so the relative demo times ("+2h") print without fractions.
        StartedAt = WholeSecond(now);
    }

    /// <summary><paramref name="time"/> with its fraction of a second cut off.</summary>
    public static DateTimeOffset WholeSecond(DateTimeOffset time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerSecond));

    /// <summary>When the emulator started: the anchor of relative times such as "+2h".</summary>
    public DateTimeOffset StartedAt { get; }

    public override DateTimeOffset GetUtcNow() => real.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));

    public DateTimeOffset Advance(TimeSpan by)
    {
        Interlocked.Add(ref offsetTicks, by.Ticks);
        return GetUtcNow();
    }

    public void Reset() => Interlocked.Exchange(ref offsetTicks, 0);
}
