using System;
using System.Collections.Generic;
using System.Linq;

namespace S3M.Slurm;

internal enum OptionValue { None, Required, Optional }

/// <summary>One sbatch option; <see cref="Field"/> is the job field it sets, null when S3M does not accept it.</summary>
internal sealed class SbatchOption
{
    public SbatchOption(string longName, char shortName, OptionValue value, string? field)
    {
        LongName = longName;
        ShortName = shortName;
        Value = value;
        Field = field;
    }

    public string LongName { get; }
    public char ShortName { get; }
    public OptionValue Value { get; }
    public string? Field { get; }
}

/// <summary>
/// sbatch's options (Slurm 24.11/25.05). Knowing the ones S3M refuses too lets their values be
/// skipped with them and abbreviations be resolved as getopt_long resolves them.
/// </summary>
internal static class SbatchOptions
{
    private static readonly SbatchOption[] All =
    {
        Map("account", 'A', "account"),
        Map("begin", 'b', "begin_time"),
        Map("chdir", 'D', "current_working_directory"),
        Map("comment", "comment"),
        Map("cpus-per-task", 'c', "cpus_per_task"),
        Map("error", 'e', "standard_error"),
        Map("export", "environment"),
        Map("input", 'i', "standard_input"),
        Map("job-name", 'J', "name"),
        Map("licenses", 'L', "licenses"),
        Map("mem", "memory_per_node"),
        Map("mem-per-cpu", "memory_per_cpu"),
        Map("mincpus", "minimum_cpus_per_node"),
        Map("nodes", 'N', "nodes"),
        Map("ntasks", 'n', "tasks"),
        Map("ntasks-per-core", "tasks_per_core"),
        Map("ntasks-per-gpu", "ntasks_per_tres"),
        Map("ntasks-per-node", "tasks_per_node"),
        Map("ntasks-per-socket", "tasks_per_socket"),
        Map("output", 'o', "standard_output"),
        Map("partition", 'p', "partition"),
        Map("priority", "priority"),
        Map("qos", 'q', "qos"),
        Map("reservation", "reservation"),
        Map("sockets-per-node", "sockets_per_node"),
        Map("threads-per-core", "threads_per_core"),
        Map("time", 't', "time_limit"),
        Map("time-min", "time_minimum"),
        Map("wait-all-nodes", "wait_all_nodes"),

        Refused("acctg-freq"), Refused("array", 'a'), Refused("batch"), Refused("bb"), Refused("bbf"),
        Refused("cluster-constraint"), Refused("clusters", 'M'), Refused("constraint", 'C'), Refused("container"),
        Refused("container-id"), Refused("core-spec", 'S'), Refused("cores-per-socket"), Refused("cpu-freq"),
        Refused("cpus-per-gpu"), Refused("deadline"), Refused("delay-boot"), Refused("dependency", 'd'),
        Refused("distribution", 'm'), Refused("exclude", 'x'), Refused("export-file"), Refused("extra"),
        Refused("extra-node-info", 'B'), Refused("gid"), Refused("gpu-bind"), Refused("gpu-freq"), Refused("gpus", 'G'),
        Refused("gpus-per-node"), Refused("gpus-per-socket"), Refused("gpus-per-task"), Refused("gres"),
        Refused("gres-flags"), Refused("hint"), Refused("kill-on-invalid-dep"), Refused("mail-type"), Refused("mail-user"),
        Refused("mcs-label"), Refused("mem-bind"), Refused("mem-per-gpu"), Refused("network"), Refused("nodefile", 'F'),
        Refused("nodelist", 'w'), Refused("open-mode"), Refused("power"), Refused("prefer"), Refused("profile"),
        Refused("segment"), Refused("signal"), Refused("switches"), Refused("thread-spec"), Refused("tmp"),
        Refused("tres-bind"), Refused("tres-per-task"), Refused("uid"), Refused("wckey"), Refused("wrap"),

        Flag("contiguous"), Flag("help", 'h'), Flag("hold", 'H'), Flag("ignore-pbs"), Flag("no-requeue"),
        Flag("overcommit", 'O'), Flag("oversubscribe", 's'), Flag("parsable"), Flag("quiet", 'Q'), Flag("reboot"),
        Flag("requeue"), Flag("spread-job"), Flag("stepmgr"), Flag("test-only"), Flag("usage"), Flag("use-min-nodes"),
        Flag("verbose", 'v'), Flag("version", 'V'), Flag("wait", 'W'),

        Optional("exclusive"), Optional("get-user-env"), Optional("nice"), Optional("no-kill", 'k'),
        Optional("oom-kill-step"), Optional("propagate"),
    };

    private static readonly Dictionary<char, SbatchOption> ByShort =
        All.Where(o => o.ShortName != '\0').ToDictionary(o => o.ShortName);

    /// <summary>The option named <paramref name="name"/> or uniquely abbreviated by it, as getopt_long finds it.</summary>
    public static SbatchOption? FindLong(string name, out string[] ambiguous)
    {
        ambiguous = Array.Empty<string>();
        var exact = All.FirstOrDefault(o => o.LongName == name);
        if (exact != null || name.Length == 0)
        {
            return exact;
        }

        var prefixed = All.Where(o => o.LongName.StartsWith(name, StringComparison.Ordinal)).ToArray();
        if (prefixed.Length == 1)
        {
            return prefixed[0];
        }

        ambiguous = prefixed.Select(o => "--" + o.LongName).ToArray();
        return null;
    }

    public static SbatchOption? FindShort(char name) => ByShort.TryGetValue(name, out var option) ? option : null;

    private static SbatchOption Map(string name, char shortName, string field) => new SbatchOption(name, shortName, OptionValue.Required, field);
    private static SbatchOption Map(string name, string field) => Map(name, '\0', field);
    private static SbatchOption Refused(string name, char shortName = '\0') => new SbatchOption(name, shortName, OptionValue.Required, null);
    private static SbatchOption Flag(string name, char shortName = '\0') => new SbatchOption(name, shortName, OptionValue.None, null);
    private static SbatchOption Optional(string name, char shortName = '\0') => new SbatchOption(name, shortName, OptionValue.Optional, null);
}
