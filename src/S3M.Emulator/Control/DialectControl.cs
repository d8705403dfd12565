using S3M.Emulator.Gateway;

namespace S3M.Emulator.Control;

/// <summary>
/// <c>/_emulator/dialect</c>: which of the forms the contract allows the answers take, so tests can
/// meet each. Under <c>/_emulator</c>, so never logged or faulted; <c>/_emulator/reset</c> restores the default.
/// </summary>
internal static class DialectControl
{
    /// <param name="emulatorControl">The <c>/_emulator</c> group, which checks the control key.</param>
    public static void MapDialectControl(this RouteGroupBuilder emulatorControl)
    {
        emulatorControl.MapGet("/dialect", (WireDialect dialect) => ControlJson.Ok(DialectRequest.Describe(dialect.Current)));

        emulatorControl.MapPost("/dialect", (HttpRequest request, WireDialect dialect) =>
            ControlJson.HandleAsync<DialectRequest>(request, change =>
            {
                dialect.Current = change.ApplyTo(dialect.Current);
                return ControlJson.Ok(DialectRequest.Describe(dialect.Current));
            }));
    }
}

/// <summary>Body of <c>POST /_emulator/dialect</c>, and its answer: each setting by its word; a setting left out stays as it is.</summary>
internal sealed record DialectRequest : IControlRequest
{
    public const string Omit = "omit";
    public const string Write = "write";
    public const string CurrentPing = "current";
    public const string PingedOnly = "pingedOnly";
    public const string Complete = "complete";
    public const string Minimal = "minimal";

    /// <summary><c>omit</c> (protojson's default) or <c>write</c> (every zero field written).</summary>
    public string? ZeroFields { get; init; }

    /// <summary><c>current</c> (with <c>responding</c> and <c>primary</c>) or <c>pingedOnly</c> (the older shape).</summary>
    public string? Ping { get; init; }

    /// <summary><c>complete</c> (slurmdbd's job) or <c>minimal</c> (<c>job_id</c>, <c>state</c>, <c>time {start, end}</c>).</summary>
    public string? AccountingJob { get; init; }

    public static DialectRequest Describe(DialectSettings settings) => new()
    {
        ZeroFields = settings.WriteZeroFields ? Write : Omit,
        Ping = settings.PingedOnly ? PingedOnly : CurrentPing,
        AccountingJob = settings.MinimalAccountingJob ? Minimal : Complete,
    };

    public DialectSettings ApplyTo(DialectSettings current) => new(
        ZeroFields is null ? current.WriteZeroFields : ZeroFields == Write,
        Ping is null ? current.PingedOnly : Ping == PingedOnly,
        AccountingJob is null ? current.MinimalAccountingJob : AccountingJob == Minimal);

    public string? Problem() =>
        Unknown("zeroFields", ZeroFields, Omit, Write) ??
        Unknown("ping", Ping, CurrentPing, PingedOnly) ??
        Unknown("accountingJob", AccountingJob, Complete, Minimal);

    private static string? Unknown(string name, string? word, string first, string second) =>
        word is null || word == first || word == second ? null : $"{name} must be \"{first}\" or \"{second}\", not \"{word}\"";
}
