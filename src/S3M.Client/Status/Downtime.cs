using System;
using System.Text.Json;
using S3M.Transport;

namespace S3M;

/// <summary>A downtime of one resource, in effect now or upcoming.</summary>
public sealed class Downtime : IRawAnswer
{
    public string? ResourceName { get; internal set; }
    public string? Status { get; internal set; }
    public DateTimeOffset? Start { get; internal set; }
    public DateTimeOffset? End { get; internal set; }
    public TimeSpan? Duration => Start.HasValue && End.HasValue && End >= Start ? End - Start : null;
    public string? Description { get; internal set; }
    public bool Scheduled { get; internal set; }
    public bool Reboot { get; internal set; }
    public DateTimeOffset? UpdatedAt { get; internal set; }
    internal JsonElement Raw { get; set; }
    JsonElement IRawAnswer.Raw => Raw;

    public override string ToString() => $"{ResourceName} {Start:u} - {End:u}";

    internal static Downtime Read(JsonElement downtime)
    {
        var attributes = downtime.Field("attributes") ?? default;
        return new Downtime
        {
            ResourceName = downtime.NonEmptyString("resourceName"),
            Status = downtime.NonEmptyString("status") ?? "UNSPECIFIED",
            Start = downtime.Time("start"),
            End = downtime.Time("end"),
            Description = downtime.NonEmptyString("description"),
            Scheduled = attributes.Bool("scheduled"),
            Reboot = attributes.Bool("reboot"),
            UpdatedAt = downtime.Time("updatedAt"),
            Raw = downtime,
        };
    }
}
