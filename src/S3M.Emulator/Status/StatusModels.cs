using S3M.Emulator.Config;
using S3M.Emulator.Gateway;

namespace S3M.Emulator.Status;

/// <summary>A resource as <c>GET /olcf/v1alpha/status</c> writes it.</summary>
internal sealed record Resource
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    public required string SystemType { get; init; }

    public required string SecurityEnclave { get; init; }

    public required string Organization { get; init; }

    [ProtoEnum]
    public required string Status { get; init; }

    public required IReadOnlyDictionary<string, string> Annotations { get; init; }

    public required bool DowntimeScheduleAvailable { get; init; }

    public required IReadOnlyList<ResolvedDowntime> UpcomingDowntimes { get; init; }

    public required DateTimeOffset RetrievedAt { get; init; }
}

/// <summary>A downtime with its times resolved against the emulator's start, as the status answers write it.</summary>
internal sealed record ResolvedDowntime
{
    public required string ResourceName { get; init; }

    [ProtoEnum]
    public required string Status { get; init; }

    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset End { get; init; }

    public required string Description { get; init; }

    public required DowntimeAttributes Attributes { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}

internal sealed record ResourcesAnswer(IReadOnlyList<Resource> Resources);

internal sealed record DowntimesAnswer(IReadOnlyList<ResolvedDowntime> Downtimes);
