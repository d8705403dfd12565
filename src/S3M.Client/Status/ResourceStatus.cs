using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using S3M.Transport;

namespace S3M;

/// <summary>One OLCF resource as the status service reports it.</summary>
public sealed class ResourceStatus
{
    public string? Name { get; internal set; }
    public string? Description { get; internal set; }
    public string? SystemType { get; internal set; }
    public string? SecurityEnclave { get; internal set; }
    public string? Organization { get; internal set; }

    /// <summary>OPERATIONAL, UNAVAILABLE or UNSPECIFIED; any other word is kept as it came.</summary>
    public string? Status { get; internal set; }

    public bool IsOperational => string.Equals(Status, "OPERATIONAL", StringComparison.OrdinalIgnoreCase);
    public Dictionary<string, string> Annotations { get; internal set; } = new Dictionary<string, string>();
    public bool DowntimeScheduleAvailable { get; internal set; }
    public Downtime[] UpcomingDowntimes { get; internal set; } = Array.Empty<Downtime>();
    public DateTimeOffset? RetrievedAt { get; internal set; }
    public JsonElement Raw { get; internal set; }

    public override string ToString() => $"{Name} {Status}";

    internal static ResourceStatus Read(JsonElement resource) => new ResourceStatus
    {
        Name = resource.NonEmptyString("name"),
        Description = resource.NonEmptyString("description"),
        SystemType = resource.NonEmptyString("systemType"),
        SecurityEnclave = resource.NonEmptyString("securityEnclave"),
        Organization = resource.NonEmptyString("organization"),
        Status = resource.NonEmptyString("status") ?? "UNSPECIFIED",
        Annotations = resource.StringMap("annotations"),
        DowntimeScheduleAvailable = resource.Bool("downtimeScheduleAvailable"),
        UpcomingDowntimes = resource.Objects("upcomingDowntimes").Select(Downtime.Read).ToArray(),
        RetrievedAt = resource.Time("retrievedAt"),
        Raw = resource,
    };
}
