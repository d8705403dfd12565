using S3M.Emulator.Slurm.Wire;

namespace S3M.Emulator.Slurm;

/// <summary>The Slurm error numbers the emulator answers with (slurm_errno.h) and Slurm's text for each.</summary>
internal static class SlurmErrors
{
    public const int InvalidPartitionName = 2000;
    public const int InvalidNodeCount = 2006;
    public const int JobScriptMissing = 2009;
    public const int PathnameTooLong = 2012;
    public const int InvalidJobId = 2017;
    public const int AlreadyDone = 2021;
    public const int JobPending = 2024;
    public const int InvalidAccount = 2045;
    public const int InvalidTimeLimit = 2051;
    public const int EnvironmentMissing = 2127;

    public static string Text(int code) => code switch
    {
        0 => "No error",
        InvalidPartitionName => "Invalid partition name specified",
        InvalidNodeCount => "Node count specification invalid",
        JobScriptMissing => "Job script not specified",
        PathnameTooLong => "Pathname of a file, directory or other parameter too long",
        InvalidJobId => "Invalid job id specified",
        AlreadyDone => "Job/step already completing or completed",
        JobPending => "Job is pending execution",
        InvalidAccount => "Invalid account or account/partition combination specified",
        InvalidTimeLimit => "Requested time limit is invalid (missing or exceeds some limit)",
        EnvironmentMissing => "Environment is missing in job",
        _ => "Unspecified error",
    };

    public static SlurmError Error(int code, string description, string source) => new(Text(code), code, description, source);
}
