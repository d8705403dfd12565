using System;

namespace S3M.Streaming;

/// <summary>
/// What a cluster's sync and health words mean, defined once. Ready: synced and healthy.
/// Failed: health Degraded or Missing, or sync Failed. Anything else, unknown words included,
/// is still on its way; unknown words are shown as they came and never break anything.
/// </summary>
public static class ClusterStatus
{
    public static bool IsReady(string? syncStatus, string? healthStatus) =>
        Is(syncStatus, "Synced") && Is(healthStatus, "Healthy");

    public static bool IsFailed(string? syncStatus, string? healthStatus) =>
        Is(healthStatus, "Degraded") || Is(healthStatus, "Missing") || Is(syncStatus, "Failed");

    private static bool Is(string? word, string expected) => string.Equals(word, expected, StringComparison.OrdinalIgnoreCase);
}
