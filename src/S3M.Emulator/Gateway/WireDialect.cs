namespace S3M.Emulator.Gateway;

/// <summary>
/// Which of the forms the contract allows the emulator writes its answers in. The default is the
/// sparse one: protobuf's JSON leaves out zero fields, the older ping shape and the bare accounting
/// record are off. <c>/_emulator/dialect</c> changes them; <c>/_emulator/reset</c> restores them.
/// </summary>
internal sealed class WireDialect
{
    private volatile DialectSettings current = DialectSettings.Default;

    public DialectSettings Current
    {
        get => current;
        set => current = value;
    }

    public void Reset() => current = DialectSettings.Default;
}

/// <param name="WriteZeroFields">
/// Write fields holding a zero value (0, false, "", an empty list or map, an enum's UNSPECIFIED)
/// instead of leaving them out, as a gateway marshalling with protojson's EmitUnpopulated does.
/// </param>
/// <param name="PingedOnly">Pings carry <c>hostname</c>, <c>pinged</c>, <c>latency</c> and <c>mode</c> only: no <c>responding</c>, no <c>primary</c>.</param>
/// <param name="MinimalAccountingJob"><c>GET job/{id}</c> answers records of <c>job_id</c>, <c>state</c> and <c>time {start, end}</c> only.</param>
internal sealed record DialectSettings(bool WriteZeroFields, bool PingedOnly, bool MinimalAccountingJob)
{
    public static DialectSettings Default { get; } = new(false, false, false);
}
