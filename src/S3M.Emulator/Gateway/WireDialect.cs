namespace S3M.Emulator.Gateway;

/// <summary>
/// Which of the forms the contract allows the emulator writes its answers in. The default is the
/// sparse one: protobuf's JSON leaves out zero fields. <c>/_emulator/dialect</c> changes it;
/// <c>/_emulator/reset</c> restores it.
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
internal sealed record DialectSettings(bool WriteZeroFields)
{
    public static DialectSettings Default { get; } = new(false);
}
