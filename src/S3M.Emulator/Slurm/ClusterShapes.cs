using S3M.Emulator.Slurm.Wire;

namespace S3M.Emulator.Slurm;

/// <summary>
/// The cluster-wide answers (ping, partitions, nodes, reservations, diag) for one resource at one
/// moment. Nodes running an emulated job show as ALLOCATED; diag counts the emulated jobs.
/// </summary>
internal static class ClusterShapes
{
    public static IReadOnlyList<ControllerPing> Pings(SlurmCluster cluster) =>
    [
        new($"{cluster.Name}-slurm1", "UP", Responding: true, Latency: 184 + cluster.Name.Length * 7, "primary", Primary: true),
        new($"{cluster.Name}-slurm2", "UP", Responding: true, Latency: 412 + cluster.Name.Length * 11, "backup1", Primary: false),
    ];

    public static IReadOnlyList<PartitionInfo> Partitions(SlurmCluster cluster) =>
    [
        .. cluster.Partitions.Select(p => new PartitionInfo
        {
            Nodes = new PartitionNodes("", cluster.NodeList(p.Nodes), p.Nodes.Count),
            Cluster = cluster.Name,
            Cpus = new PartitionCpus(0, p.Nodes.Count * cluster.CpusPerNode),
            Defaults = new PartitionDefaults(Wrap32.Of(p.DefaultMinutes), Wrap64.Unset, null),
            Maximums = new PartitionMaximums(
                Wrap32.Unlimited, Wrap64.Of(cluster.MemoryPerNodeMiB), Wrap32.Of(p.MaxNodes), 1, Wrap32.Of(p.MaxMinutes), Wrap32.Unset),
            Minimums = new PartitionMinimums(1),
            Name = p.Name,
            Priority = new PartitionPriority(1, 1),
            Partition = new PartitionState(["UP"]),
        }),
    ];

    public static IReadOnlyList<NodeInfo> Nodes(SlurmCluster cluster, IReadOnlyList<JobRecord> jobs, DateTimeOffset now, DateTimeOffset startedAt)
    {
        var running = jobs.Where(j => j.StatusAt(now).Phase == JobPhase.Running).SelectMany(j => j.NodeNames).ToHashSet();
        var threads = cluster.Architecture == "x86_64" ? 2 : 1;
        return
        [
            .. cluster.Nodes.Select(node =>
            {
                var ours = running.Contains(node.Name);
                var state = ours ? ["ALLOCATED"] : node.BaseState;
                var allocCpus = ours || node.BaseState.Contains("ALLOCATED") ? cluster.CpusPerNode
                    : node.BaseState.Contains("MIXED") ? cluster.CpusPerNode / 2
                    : 0;
                var allocMemory = cluster.MemoryPerNodeMiB * allocCpus / cluster.CpusPerNode;
                var down = node.BaseState.Contains("DOWN");
                return new NodeInfo
                {
                    Architecture = cluster.Architecture,
                    BootTime = down ? Wrap64.Unset : Wrap64.Time(startedAt.AddDays(-12)),
                    ClusterName = cluster.Name,
                    Cores = cluster.CpusPerNode / threads,
                    CpuLoad = allocCpus * 100,
                    FreeMem = down ? Wrap64.Unset : Wrap64.Of(cluster.MemoryPerNodeMiB - allocMemory - 4096),
                    Cpus = cluster.CpusPerNode,
                    EffectiveCpus = cluster.CpusPerNode,
                    Features = cluster.Features,
                    ActiveFeatures = cluster.Features,
                    LastBusy = Wrap64.Time(allocCpus > 0 ? now : startedAt.AddHours(-1)),
                    Name = node.Name,
                    Address = node.Name,
                    Hostname = node.Name,
                    State = state,
                    OperatingSystem = cluster.Architecture == "x86_64"
                        ? "Linux 5.14.21-150500.55.65_13.0.73-cray_shasta_c #1 SMP"
                        : "Linux 4.18.0-553.el8_10.aarch64 #1 SMP",
                    Partitions = node.Partitions,
                    Port = 6818,
                    RealMemory = cluster.MemoryPerNodeMiB,
                    Reason = node.Reason,
                    ReasonChangedAt = node.Reason is null ? Wrap64.Unset : Wrap64.Time(startedAt.AddHours(-3)),
                    ReasonSetByUser = node.Reason is null ? null : "root",
                    AllocMemory = allocMemory,
                    AllocCpus = allocCpus,
                    AllocIdleCpus = cluster.CpusPerNode - allocCpus,
                    TresUsed = allocCpus > 0 ? $"cpu={allocCpus},mem={allocMemory}M" : null,
                    SlurmdStartTime = down ? Wrap64.Unset : Wrap64.Time(startedAt.AddDays(-12).AddMinutes(3)),
                    Sockets = 1,
                    Threads = threads,
                    Weight = 1,
                    Tres = $"cpu={cluster.CpusPerNode},mem={cluster.MemoryPerNodeMiB}M,billing={cluster.CpusPerNode}",
                    Version = cluster.Release,
                };
            }),
        ];
    }

    public static IReadOnlyList<ReservationInfo> Reservations(SlurmCluster cluster, IEnumerable<ClusterReservation> reservations) =>
    [
        .. reservations.Select(r => new ReservationInfo
        {
            Accounts = r.Accounts,
            CoreCount = r.Nodes.Count * cluster.CpusPerNode,
            EndTime = Wrap64.Time(r.End),
            Flags = r.Flags,
            Name = r.Name,
            NodeCount = r.Nodes.Count,
            NodeList = cluster.NodeList(r.Nodes),
            Partition = r.Partition,
            StartTime = Wrap64.Time(r.Start),
            Tres = $"cpu={r.Nodes.Count * cluster.CpusPerNode}",
            Users = r.Users,
        }),
    ];

    public static Statistics Statistics(IReadOnlyList<JobRecord> jobs, DateTimeOffset now, DateTimeOffset startedAt, SlurmApiVersion version)
    {
        var phases = jobs.Select(j => j.StatusAt(now)).ToList();
        int Count(params JobPhase[] of) => phases.Count(s => of.Contains(s.Phase));
        const int cycles = 412;
        const long cycleSum = cycles * 1_875L;
        return new Statistics
        {
            PartsPacked = 1,
            ReqTime = Wrap64.Time(now),
            ReqTimeStart = Wrap64.Time(startedAt),
            ServerThreadCount = 3,
            AgentCount = 0,
            ScheduleCycleMax = 48_211,
            ScheduleCycleLast = 1_204,
            ScheduleCycleSum = version.ScheduleCycleSumIs64Bit ? (object)cycleSum : (int)cycleSum,
            ScheduleCycleTotal = cycles,
            ScheduleCycleMean = cycleSum / cycles,
            ScheduleCyclePerMinute = 2,
            ScheduleQueueLength = Count(JobPhase.Pending),
            JobsSubmitted = jobs.Count,
            JobsStarted = phases.Count(s => s.StartedAt is not null),
            JobsCompleted = Count(JobPhase.Completed),
            JobsCanceled = Count(JobPhase.Cancelled),
            JobsFailed = Count(JobPhase.Failed, JobPhase.Timeout),
            JobsPending = Count(JobPhase.Pending),
            JobsRunning = Count(JobPhase.Running),
            JobStatesTs = Wrap64.Time(now),
            BfCycleCounter = 37,
            BfCycleLast = 2_930,
            BfCycleMean = 3_104,
            BfActive = false,
            BfWhenLastCycle = Wrap64.Time(now.AddSeconds(-20)),
            RpcsByMessageType =
            [
                new(2003, "REQUEST_JOB_INFO", 120 + jobs.Count, 61_440, Wrap64.Of(512)),
                new(4003, "REQUEST_SUBMIT_BATCH_JOB", jobs.Count, jobs.Count * 2_210L, Wrap64.Of(jobs.Count == 0 ? 0 : 2_210)),
                new(1008, "REQUEST_PING", 60, 1_800, Wrap64.Of(30)),
            ],
            RpcsByUser = [new(0, "root", 180 + jobs.Count, 63_240, Wrap64.Of(351))],
        };
    }
}
