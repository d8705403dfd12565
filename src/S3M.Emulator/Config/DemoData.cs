namespace S3M.Emulator.Config;

/// <summary>
/// The built-in data: OLCF's ACE testbeds and two production systems, downtimes around the start
/// time (one in effect, two within the 10-day window, one beyond it), and the demo tokens that
/// docs/emulator.md lists. Descriptions are plausible, not OLCF's.
/// </summary>
internal static class DemoData
{
    public static EmulatorConfig Create() => new()
    {
        Resources =
        [
            new ResourceSpec
            {
                Name = "defiant",
                Description = "ACE testbed: HPE Cray EX nodes with AMD EPYC CPUs and AMD Instinct MI100 GPUs",
                SystemType = "compute",
                SecurityEnclave = "open",
                Organization = "OLCF",
                Status = "OPERATIONAL",
                Annotations = new Dictionary<string, string>
                {
                    ["accelerator"] = "AMD Instinct MI100",
                    ["slurmVersions"] = "v0.0.42,v0.0.43",
                },
                DowntimeScheduleAvailable = true,
            },
            new ResourceSpec
            {
                Name = "odo",
                Description = "Training system: a small Frontier-like HPE Cray EX for OLCF courses",
                SystemType = "compute",
                SecurityEnclave = "open",
                Organization = "OLCF",
                Status = "OPERATIONAL",
                DowntimeScheduleAvailable = true,
            },
            new ResourceSpec
            {
                Name = "wombat",
                Description = "ACE testbed: Arm nodes (Fujitsu A64FX, Ampere Altra with NVIDIA GPUs)",
                SystemType = "compute",
                SecurityEnclave = "open",
                Organization = "OLCF",
                Status = "OPERATIONAL",
                DowntimeScheduleAvailable = true,
            },
            new ResourceSpec
            {
                Name = "quokka",
                Description = "ACE testbed for emerging accelerators",
                SystemType = "compute",
                SecurityEnclave = "open",
                Organization = "OLCF",
                Status = "UNAVAILABLE",
                Annotations = new Dictionary<string, string> { ["reason"] = "Unscheduled maintenance: cooling repair" },
                DowntimeScheduleAvailable = true,
            },
            new ResourceSpec
            {
                Name = "frontier",
                Description = "Exascale HPE Cray EX: AMD EPYC CPUs and AMD Instinct MI250X GPUs",
                SystemType = "compute",
                SecurityEnclave = "moderate",
                Organization = "OLCF",
                Status = "OPERATIONAL",
            },
            new ResourceSpec
            {
                Name = "orion",
                Description = "Center-wide Lustre file system",
                SystemType = "filesystem",
                SecurityEnclave = "moderate",
                Organization = "OLCF",
                Status = "UNSPECIFIED",
            },
        ],
        Downtimes =
        [
            new DowntimeSpec
            {
                ResourceName = "quokka",
                Start = "-2h",
                End = "+4h",
                Description = "Unscheduled maintenance: cooling system repair",
                Attributes = new DowntimeAttributes { Reboot = true },
                UpdatedAt = "-1h30m",
            },
            new DowntimeSpec
            {
                ResourceName = "odo",
                Start = "+2d",
                End = "+2d8h",
                Description = "Scheduled maintenance: system software update",
                Attributes = new DowntimeAttributes { Scheduled = true, Reboot = true },
                UpdatedAt = "-5d",
            },
            new DowntimeSpec
            {
                ResourceName = "defiant",
                Start = "+5d",
                End = "+5d4h",
                Description = "Scheduled maintenance: file system upgrade",
                Attributes = new DowntimeAttributes { Scheduled = true },
                UpdatedAt = "-1d",
            },
            new DowntimeSpec
            {
                ResourceName = "wombat",
                Start = "+20d",
                End = "+21d",
                Description = "Quarterly maintenance",
                Attributes = new DowntimeAttributes { Scheduled = true, Reboot = true },
                UpdatedAt = "-3d",
            },
        ],
        Tokens =
        [
            Token("stf042-full.token", "stf042", ["compute-ace", "data-streaming"], "30d", "Demo: compute and streaming"),
            Token("stf042-readonly.token", "stf042", ["compute-ace-readonly"], "30d", "Demo: read-only compute"),
            Token("stf042-streaming.token", "stf042", ["data-streaming"], "30d", "Demo: streaming only"),
            Token("stf042-expiring.token", "stf042", ["compute-ace"], "2h", "Demo: expires in two hours"),
            Token("csc100-full.token", "csc100", ["compute-ace", "data-streaming"], "30d", "Demo: another project"),
        ],
        // The public table of Slurm API versions per resource; node sizes are plausible, not OLCF's.
        Slurm =
        [
            new SlurmClusterSpec
            {
                Resource = "defiant", Versions = ["v0.0.42", "v0.0.43"], Nodes = 8, CpusPerNode = 64, MemoryPerNodeMiB = 256_000,
                Features = ["epyc", "mi100"],
            },
            new SlurmClusterSpec
            {
                Resource = "odo", Versions = ["v0.0.43", "v0.0.44"], Nodes = 6, CpusPerNode = 56, MemoryPerNodeMiB = 512_000,
                Features = ["epyc", "mi250x"],
            },
            new SlurmClusterSpec
            {
                Resource = "wombat", Versions = ["v0.0.42"], Nodes = 6, CpusPerNode = 48, MemoryPerNodeMiB = 32_000,
                Architecture = "aarch64", Features = ["a64fx", "arm"],
            },
            new SlurmClusterSpec
            {
                Resource = "quokka", Versions = ["v0.0.42"], Nodes = 4, CpusPerNode = 32, MemoryPerNodeMiB = 128_000,
                Features = ["emerging"],
            },
        ],
        // Quick enough for a demo's progress bar, slow enough to see PENDING and RUNNING.
        Scheduler = new SchedulerSpec { PendingSeconds = 2, DefaultRunSeconds = 3, KeepFinishedSeconds = 300, CompletingSeconds = 1, RequeueSeconds = 2 },
    };

    private static TokenSpec Token(string file, string project, string[] scopes, string expiresIn, string description) =>
        new() { File = file, Project = project, Scopes = scopes, ExpiresIn = expiresIn, Description = description };
}
