using S3M.Streaming;

namespace S3M.Client.Tests;

/// <summary>
/// The sync and health words are free strings (Argo CD's words are a guess): any case, words
/// nobody knows, words left out. The waits go by these rules and show the words as they came.
/// </summary>
public class ClusterStatusTests
{
    [Theory]
    [InlineData("Synced", "Healthy", true)]
    [InlineData("synced", "HEALTHY", true)]
    [InlineData("SYNCED", "healthy", true)]
    [InlineData("Synced", "Progressing", false)]
    [InlineData("OutOfSync", "Healthy", false)]
    [InlineData(null, "Healthy", false)]
    [InlineData("Synced", null, false)]
    public void Ready_is_synced_and_healthy_in_any_case(string? sync, string? health, bool ready) =>
        Assert.Equal(ready, ClusterStatus.IsReady(sync, health));

    [Theory]
    [InlineData("Synced", "Degraded", true)]
    [InlineData("Synced", "degraded", true)]
    [InlineData("OutOfSync", "MISSING", true)]
    [InlineData("failed", "Progressing", true)]
    [InlineData("Synced", "Progressing", false)]
    [InlineData("Unknown", "Rebalancing", false)]
    [InlineData("", "", false)]
    [InlineData(null, null, false)]
    public void Failed_is_a_failure_word_in_any_case_and_nothing_else(string? sync, string? health, bool failed) =>
        Assert.Equal(failed, ClusterStatus.IsFailed(sync, health));

    [Theory]
    [InlineData("Synced", "Degraded", "sync \"Synced\", health \"Degraded\"")]
    [InlineData("Unknown", "Rebalancing", "sync \"Unknown\", health \"Rebalancing\"")]
    [InlineData(null, "", "sync (none), health (none)")]
    [InlineData("Synced\u001b[2J", "ok\nfine", "sync \"Synced?[2J\", health \"ok?fine\"")]
    public void Describe_names_both_words_as_they_came(string? sync, string? health, string said) =>
        Assert.Equal(said, ClusterStatus.Describe(sync, health));
}
