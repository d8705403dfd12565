namespace S3M.Emulator.Slurm.Wire;

/// <summary><c>GET /ping</c> (<c>openapi_ping_array_resp</c>).</summary>
internal sealed record PingAnswer : SlurmAnswer
{
    public required IReadOnlyList<ControllerPing> Pings { get; init; }
}

/// <summary>
/// One controller; <c>latency</c> is microseconds, 64-bit. <c>responding</c> and <c>primary</c> are
/// null in the older shape, which has only <c>pinged</c> ("UP"/"DOWN") to say whether it answered.
/// </summary>
internal sealed record ControllerPing(string Hostname, string Pinged, bool? Responding, long Latency, string Mode, bool? Primary)
{
    public ControllerPing PingedOnly() => this with { Responding = null, Primary = null };
}

/// <summary><c>GET /partitions</c> (<c>openapi_partition_resp</c>).</summary>
internal sealed record PartitionsAnswer : SlurmAnswer
{
    public required IReadOnlyList<PartitionInfo> Partitions { get; init; }

    public required Wrap64 LastUpdate { get; init; }
}

internal sealed record PartitionInfo
{
    public required PartitionNodes Nodes { get; init; }

    public required string Cluster { get; init; }

    public required PartitionCpus Cpus { get; init; }

    public required PartitionDefaults Defaults { get; init; }

    public required PartitionMaximums Maximums { get; init; }

    public required PartitionMinimums Minimums { get; init; }

    public required string Name { get; init; }

    public required PartitionPriority Priority { get; init; }

    public required PartitionState Partition { get; init; }
}

internal sealed record PartitionNodes(string AllowedAllocation, string Configured, int Total);

internal sealed record PartitionCpus(int TaskBinding, int Total);

internal sealed record PartitionDefaults(Wrap32 Time, Wrap64 PartitionMemoryPerCpu, string? Job);

internal sealed record PartitionMaximums(Wrap32 CpusPerNode, Wrap64 PartitionMemoryPerNode, Wrap32 Nodes, int Shares, Wrap32 Time, Wrap32 OverTimeLimit);

internal sealed record PartitionMinimums(int Nodes);

internal sealed record PartitionPriority(int JobFactor, int Tier);

internal sealed record PartitionState(IReadOnlyList<string> State);

/// <summary><c>GET /nodes</c> (<c>openapi_nodes_resp</c>).</summary>
internal sealed record NodesAnswer : SlurmAnswer
{
    public required IReadOnlyList<NodeInfo> Nodes { get; init; }

    public required Wrap64 LastUpdate { get; init; }
}

internal sealed record NodeInfo
{
    public required string Architecture { get; init; }

    public required Wrap64 BootTime { get; init; }

    public required string ClusterName { get; init; }

    public int Cores { get; init; }

    public int CpuLoad { get; init; }

    public required Wrap64 FreeMem { get; init; }

    public int Cpus { get; init; }

    public int EffectiveCpus { get; init; }

    public required IReadOnlyList<string> Features { get; init; }

    public required IReadOnlyList<string> ActiveFeatures { get; init; }

    public required Wrap64 LastBusy { get; init; }

    public required string Name { get; init; }

    public required string Address { get; init; }

    public required string Hostname { get; init; }

    public required IReadOnlyList<string> State { get; init; }

    public required string OperatingSystem { get; init; }

    public required IReadOnlyList<string> Partitions { get; init; }

    public int Port { get; init; }

    public long RealMemory { get; init; }

    public string? Reason { get; init; }

    public required Wrap64 ReasonChangedAt { get; init; }

    public string? ReasonSetByUser { get; init; }

    public long AllocMemory { get; init; }

    public int AllocCpus { get; init; }

    public int AllocIdleCpus { get; init; }

    public string? TresUsed { get; init; }

    public required Wrap64 SlurmdStartTime { get; init; }

    public int Sockets { get; init; }

    public int Threads { get; init; }

    public int Weight { get; init; }

    public required string Tres { get; init; }

    public required string Version { get; init; }
}

/// <summary><c>GET /reservations</c> (<c>openapi_reservation_resp</c>); <c>users</c> and <c>accounts</c> are comma-separated strings.</summary>
internal sealed record ReservationsAnswer : SlurmAnswer
{
    public required IReadOnlyList<ReservationInfo> Reservations { get; init; }

    public required Wrap64 LastUpdate { get; init; }
}

internal sealed record ReservationInfo
{
    public string? Accounts { get; init; }

    public int CoreCount { get; init; }

    public required Wrap64 EndTime { get; init; }

    public required IReadOnlyList<string> Flags { get; init; }

    public required string Name { get; init; }

    public int NodeCount { get; init; }

    public required string NodeList { get; init; }

    public string? Partition { get; init; }

    public required Wrap64 StartTime { get; init; }

    public string? Tres { get; init; }

    public string? Users { get; init; }
}

/// <summary><c>GET /diag</c> (<c>openapi_diag_resp</c>).</summary>
internal sealed record DiagAnswer : SlurmAnswer
{
    public required Statistics Statistics { get; init; }
}

internal sealed record Statistics
{
    public int PartsPacked { get; init; }

    public required Wrap64 ReqTime { get; init; }

    public required Wrap64 ReqTimeStart { get; init; }

    public int ServerThreadCount { get; init; }

    public int AgentQueueSize { get; init; }

    public int AgentCount { get; init; }

    public int AgentThreadCount { get; init; }

    public int DbdAgentQueueSize { get; init; }

    public int ScheduleCycleMax { get; init; }

    public int ScheduleCycleLast { get; init; }

    /// <summary>int32 up to v0.0.43, int64 (a string) from v0.0.44: the builder puts an int or a long here.</summary>
    public object? ScheduleCycleSum { get; init; }

    public int ScheduleCycleTotal { get; init; }

    public long ScheduleCycleMean { get; init; }

    public long ScheduleCyclePerMinute { get; init; }

    public int ScheduleQueueLength { get; init; }

    public int JobsSubmitted { get; init; }

    public int JobsStarted { get; init; }

    public int JobsCompleted { get; init; }

    public int JobsCanceled { get; init; }

    public int JobsFailed { get; init; }

    public int JobsPending { get; init; }

    public int JobsRunning { get; init; }

    public required Wrap64 JobStatesTs { get; init; }

    public int BfCycleCounter { get; init; }

    public int BfCycleLast { get; init; }

    public long BfCycleMean { get; init; }

    public bool BfActive { get; init; }

    public required Wrap64 BfWhenLastCycle { get; init; }

    public required IReadOnlyList<RpcByType> RpcsByMessageType { get; init; }

    public required IReadOnlyList<RpcByUser> RpcsByUser { get; init; }
}

internal sealed record RpcByType(int TypeId, string MessageType, int Count, long TotalTime, Wrap64 AverageTime);

internal sealed record RpcByUser(int UserId, string User, int Count, long TotalTime, Wrap64 AverageTime);
