using S3M.Emulator.Gateway;
using S3M.Emulator.Slurm.Wire;

namespace S3M.Emulator.Slurm;

/// <summary>
/// The HTTP status Slurm's own refusals travel with. slurmrestd answers a handler's error with a
/// status of its own (src/slurmrestd/operations.c): ESLURM_INVALID_JOB_ID 404, a query it cannot
/// parse 422, any other Slurm error 500, each with the same envelope as 200 and the error in
/// <c>errors[]</c> (the OpenAPI documents give every path's <c>default</c> answer that schema).
/// S3M's own page says only that a 200 may carry <c>errors[]</c>; whether its gateway passes
/// slurmrestd's status on is not said. So both forms: <see cref="SlurmrestdStatus"/> (the default)
/// and <see cref="Ok"/>, set through <c>/_emulator/slurm</c>.
/// </summary>
internal sealed class SlurmRefusals
{
    /// <summary>slurmrestd's status: 404 for an unknown job ID, 500 for the rest.</summary>
    public const string SlurmrestdStatus = "status";

    /// <summary>HTTP 200, with the error only in <c>errors[]</c>.</summary>
    public const string Ok = "ok";

    public static readonly string[] Words = [SlurmrestdStatus, Ok];

    private volatile string _mode = SlurmrestdStatus;

    public string Mode
    {
        get => _mode;
        set => _mode = Words.Contains(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "not a refusal mode");
    }

    public void Reset() => Mode = SlurmrestdStatus;

    /// <summary>The status a refusal with these errors goes with, in the mode in force.</summary>
    public int StatusOf(IReadOnlyList<SlurmError> errors) =>
        Mode == Ok ? StatusCodes.Status200OK
        : errors.Any(e => e.ErrorNumber == SlurmErrors.InvalidJobId) ? StatusCodes.Status404NotFound
        : StatusCodes.Status500InternalServerError;

    /// <summary>Slurm's answer carrying its refusal in <c>errors[]</c>, under the status it goes with.</summary>
    public IResult Answer(SlurmAnswer refused) =>
        Results.Json<object>(refused, WireJson.SlurmOptions, statusCode: StatusOf(refused.Errors));
}
