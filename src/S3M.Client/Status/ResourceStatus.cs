using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using S3M.Transport;

namespace S3M;

/// <summary>One OLCF resource as the status service reports it.</summary>
public sealed class ResourceStatus : IRawAnswer
{
    public string? Name { get; internal set; }
    public string? Description { get; internal set; }
    public string? SystemType { get; internal set; }
    public string? SecurityEnclave { get; internal set; }
    public string? Organization { get; internal set; }

    /// <summary>OPERATIONAL, UNAVAILABLE or UNSPECIFIED; any other word is kept as it came.</summary>
    public string? Status { get; internal set; }

    public bool IsOperational => string.Equals(Status, "OPERATIONAL", StringComparison.OrdinalIgnoreCase);
    public S3mDictionary<string> Annotations { get; internal set; } = S3mDictionary<string>.Empty;
    public bool DowntimeScheduleAvailable { get; internal set; }
    public S3mList<Downtime> UpcomingDowntimes { get; internal set; } = S3mList<Downtime>.Empty;
    public DateTimeOffset? RetrievedAt { get; internal set; }
    internal JsonElement Raw { get; set; }
    JsonElement IRawAnswer.Raw => Raw;

    public override string ToString() => $"{Name} {Status}";

    internal static ResourceStatus Read(JsonElement resource) => new ResourceStatus
    {
        Name = resource.NonEmptyString("name"),
        Description = resource.NonEmptyString("description"),
        SystemType = resource.NonEmptyString("systemType"),
        SecurityEnclave = resource.NonEmptyString("securityEnclave"),
        Organization = resource.NonEmptyString("organization"),
        Status = resource.NonEmptyString("status") ?? "UNSPECIFIED",
        Annotations = new S3mDictionary<string>(resource.StringMap("annotations")),
        DowntimeScheduleAvailable = resource.Bool("downtimeScheduleAvailable"),
        UpcomingDowntimes = resource.Objects("upcomingDowntimes").Select(Downtime.Read).ToS3mList(),
        RetrievedAt = resource.Time("retrievedAt"),
        Raw = resource,
    };
}
