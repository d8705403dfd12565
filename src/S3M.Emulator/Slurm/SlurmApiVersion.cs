namespace S3M.Emulator.Slurm;

/// <summary>
/// A slurmrestd API version the emulator can answer in. The flags name what differs between the
/// versions' schemas for the fields the emulator writes, so the answer builders ask here and
/// nowhere else.
/// </summary>
internal sealed record SlurmApiVersion(string Name, int Minor, string DefaultRelease)
{
    public static readonly SlurmApiVersion V42 = new("v0.0.42", 42, "24.11.6");
    public static readonly SlurmApiVersion V43 = new("v0.0.43", 43, "25.05.3");
    public static readonly SlurmApiVersion V44 = new("v0.0.44", 44, "25.11.0");

    public static IReadOnlyList<SlurmApiVersion> All { get; } = [V42, V43, V44];

    public static SlurmApiVersion? Find(string name) => All.FirstOrDefault(v => v.Name == name);

    /// <summary>v0.0.44 also takes <c>{"script","jobs":[...]}</c>; older versions only <c>{"job"}</c> through S3M.</summary>
    public bool AcceptsJobsArray => Minor >= 44;

    /// <summary>
    /// The controller's job_info gained <c>stdout_expanded</c>, <c>stderr_expanded</c> and
    /// <c>stdin_expanded</c> in v0.0.43; from then on <c>standard_output</c> and its kin are the
    /// paths as submitted, before that they were expanded. (slurmdbd's job has both forms in every version.)
    /// </summary>
    public bool ControllerHasExpandedPaths => Minor >= 43;

    /// <summary><c>submit_line</c> in the controller's job_info, from v0.0.44 (slurmdbd's job has it in every version).</summary>
    public bool ControllerHasSubmitLine => Minor >= 44;

    /// <summary><c>statistics.schedule_cycle_sum</c> became 64-bit (a JSON string) in v0.0.44.</summary>
    public bool ScheduleCycleSumIs64Bit => Minor >= 44;

    public string DataParser => "data_parser/" + Name;
}
