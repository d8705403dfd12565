using S3M.Emulator.Config;
using S3M.Emulator.Status;

namespace S3M.Emulator.Slurm;

/// <summary>A reservation with its times resolved.</summary>
internal sealed record ClusterReservation(
    string Name, string? Partition, IReadOnlyList<ClusterNode> Nodes, DateTimeOffset Start, DateTimeOffset End,
    IReadOnlyList<string> Flags, string? Users, string? Accounts);

/// <summary>
/// The Slurm clusters behind the resources, from configuration. Each gets a maintenance
/// reservation for every downtime on the status page (as the page has them now: a test may
/// replace them), and a training reservation on its debug nodes a day after start for the
/// projects of the configured tokens.
/// </summary>
internal sealed class SlurmCatalog
{
    private readonly Dictionary<string, SlurmCluster> clusters = new();
    private readonly Dictionary<string, ClusterReservation> training = new();
    private readonly StatusCatalog status;

    public SlurmCatalog(EmulatorConfig config, EmulatorClock clock, StatusCatalog status)
    {
        this.status = status;
        var projects = string.Join(",", (config.Tokens ?? []).Select(t => t.Project).Distinct());
        foreach (var spec in config.Slurm ?? [])
        {
            var cluster = new SlurmCluster(spec);
            if (!clusters.TryAdd(cluster.Name, cluster))
            {
                throw new InvalidDataException($"slurm resource \"{cluster.Name}\" is listed twice");
            }

            var debug = cluster.FindPartition("debug")!;
            training[cluster.Name] = new ClusterReservation(
                "training", debug.Name, debug.Nodes, clock.StartedAt.AddDays(1), clock.StartedAt.AddDays(1).AddHours(4),
                ["SPEC_NODES"], null, projects.Length > 0 ? projects : null);
        }
    }

    public SlurmCluster? Find(string resource) => clusters.GetValueOrDefault(resource);

    public IReadOnlyList<ClusterReservation> Reservations(string resource)
    {
        if (!clusters.TryGetValue(resource, out var cluster))
        {
            return [];
        }

        var maintenance = status.Downtimes
            .Where(d => d.ResourceName == cluster.Name)
            .Select(d => new ClusterReservation(
                $"maint_{d.Start:yyyyMMdd_HHmm}", null, cluster.Nodes, d.Start, d.End, ["MAINT", "IGNORE_JOBS", "ALL_NODES"], "root", null));
        return [.. maintenance, training[cluster.Name]];
    }
}
