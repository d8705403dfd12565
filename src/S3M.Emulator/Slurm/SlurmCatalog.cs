using S3M.Emulator.Config;

namespace S3M.Emulator.Slurm;

/// <summary>A reservation with its times resolved.</summary>
internal sealed record ClusterReservation(
    string Name, string? Partition, IReadOnlyList<ClusterNode> Nodes, DateTimeOffset Start, DateTimeOffset End,
    IReadOnlyList<string> Flags, string? Users, string? Accounts);

/// <summary>
/// The Slurm clusters behind the resources, from configuration. Each gets a maintenance
/// reservation for every downtime on the status page, and a training reservation on its debug
/// nodes a day after start for the projects of the configured tokens.
/// </summary>
internal sealed class SlurmCatalog
{
    private readonly Dictionary<string, SlurmCluster> clusters = new();
    private readonly Dictionary<string, IReadOnlyList<ClusterReservation>> reservations = new();

    public SlurmCatalog(EmulatorConfig config, EmulatorClock clock)
    {
        var projects = string.Join(",", (config.Tokens ?? []).Select(t => t.Project).Distinct());
        foreach (var spec in config.Slurm ?? [])
        {
            var cluster = new SlurmCluster(spec);
            if (!clusters.TryAdd(cluster.Name, cluster))
            {
                throw new InvalidDataException($"slurm resource \"{cluster.Name}\" is listed twice");
            }

            var maintenance = (config.Downtimes ?? [])
                .Where(d => d.ResourceName == cluster.Name)
                .Select(d => (Start: RelativeTime.ParseInstant(d.Start, clock.StartedAt), End: RelativeTime.ParseInstant(d.End, clock.StartedAt)))
                .Select(d => new ClusterReservation(
                    $"maint_{d.Start:yyyyMMdd_HHmm}", null, cluster.Nodes, d.Start, d.End, ["MAINT", "IGNORE_JOBS", "ALL_NODES"], "root", null));
            var debug = cluster.FindPartition("debug")!;
            var training = new ClusterReservation(
                "training", debug.Name, debug.Nodes, clock.StartedAt.AddDays(1), clock.StartedAt.AddDays(1).AddHours(4),
                ["SPEC_NODES"], null, projects.Length > 0 ? projects : null);
            reservations[cluster.Name] = [.. maintenance, training];
        }
    }

    public SlurmCluster? Find(string resource) => clusters.GetValueOrDefault(resource);

    public IReadOnlyList<ClusterReservation> Reservations(string resource) => reservations.GetValueOrDefault(resource, []);
}
