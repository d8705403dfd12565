using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using S3M.Transport;

namespace S3M
{
    /// <summary>One OLCF resource as the status service reports it.</summary>
    public sealed class ResourceStatus
    {
        public string? Name { get; set; }
        public string? Description { get; set; }
        public string? SystemType { get; set; }
        public string? SecurityEnclave { get; set; }
        public string? Organization { get; set; }

        /// <summary>OPERATIONAL, UNAVAILABLE or UNSPECIFIED; any other word is kept as it came.</summary>
        public string? Status { get; set; }

        public bool IsOperational => string.Equals(Status, "OPERATIONAL", StringComparison.OrdinalIgnoreCase);
        public Dictionary<string, string> Annotations { get; set; } = new Dictionary<string, string>();
        public bool DowntimeScheduleAvailable { get; set; }
        public Downtime[] UpcomingDowntimes { get; set; } = Array.Empty<Downtime>();
        public DateTimeOffset? RetrievedAt { get; set; }
        public JsonElement Raw { get; set; }

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
}
