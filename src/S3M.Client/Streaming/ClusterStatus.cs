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

    /// <summary>
    /// The two words as S3M sent them, each named: <c>sync "Synced", health "Degraded"</c>; a word
    /// S3M left out is "(none)". Unknown words are shown as they are, control characters aside.
    /// </summary>
    public static string Describe(string? syncStatus, string? healthStatus) =>
        $"sync {Quoted(syncStatus)}, health {Quoted(healthStatus)}";

    private static string Quoted(string? word) => string.IsNullOrEmpty(word) ? "(none)" : "\"" + Transport.S3mRoutes.Printable(word!) + "\"";

    private static bool Is(string? word, string expected) => string.Equals(word, expected, StringComparison.OrdinalIgnoreCase);
}
