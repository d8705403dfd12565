using System;
using System.Text.Json;
using S3M.Slurm;
using S3M.Transport;

namespace S3M;

/// <summary>Whether a resource's Slurm controller answers through S3M, and how fast.</summary>
public sealed class SlurmPing : IRawAnswer
{
    public string? Resource { get; internal set; }
    public string? ApiVersion { get; internal set; }
    public string? Hostname { get; internal set; }
    public bool Responding { get; internal set; }

    /// <summary>The controller's own ping latency (slurmrestd reports microseconds).</summary>
    public TimeSpan? Latency { get; internal set; }
    public string? Mode { get; internal set; }
    public string? SlurmVersion { get; internal set; }
    internal JsonElement Raw { get; set; }
    JsonElement IRawAnswer.Raw => Raw;

    public override string ToString() => $"{Resource} {Hostname} {(Responding ? "UP" : "DOWN")}";

    internal static SlurmPing Read(JsonElement ping, JsonElement answer, string resource, string apiVersion)
    {
        var responding = ping.Field("responding");
        return new SlurmPing
        {
            Resource = resource,
            ApiVersion = apiVersion,
            Hostname = ping.NonEmptyString("hostname"),
            // v0.0.42 has only "pinged" ("UP"/"DOWN"); later ones add "responding".
            Responding = responding != null ? ping.Bool("responding") : string.Equals(ping.NonEmptyString("pinged"), "UP", StringComparison.OrdinalIgnoreCase),
            Latency = ping.Microseconds("latency"),
            Mode = ping.NonEmptyString("mode"),
            SlurmVersion = SlurmMeta.Version(answer),
            Raw = ping,
        };
    }
}
