using System.Security.Cryptography;
using S3M.Emulator.Config;
using S3M.Emulator.Streaming.Redis;

namespace S3M.Emulator.Streaming;

/// <summary>What became of a provision request.</summary>
internal enum ProvisionOutcome
{
    Created,
    AlreadyExists,
}

/// <summary>
/// Every streaming cluster, keyed by project, engine and name. Clusters whose countdown reached
/// zero are removed, and their servers stopped, before every call and once a second besides.
/// </summary>
internal sealed class StreamingService : IDisposable
{
    private const string PasswordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private readonly object gate = new();
    private readonly Dictionary<(string Project, string Engine, string Name), ClusterRecord> clusters = new();
    // One provision at a time: a name is checked and taken while its server starts, outside the lock.
    private readonly SemaphoreSlim provisioning = new(1, 1);
    private readonly EmulatorClock clock;
    private readonly RedisLauncher launcher;
    private readonly double initialReadySeconds;
    private readonly Timer sweeper;
    private double readySeconds;
    private bool disposed;

    public StreamingService(StreamingSpec spec, EmulatorClock clock)
    {
        if (ReadySecondsProblem(spec.ReadySeconds) is { } problem)
        {
            throw new InvalidDataException($"streaming: {problem}");
        }

        this.clock = clock;
        initialReadySeconds = readySeconds = spec.ReadySeconds;
        launcher = RedisLauncher.Detect(spec.RedisServer);
        // The clock moves by jumps through /_emulator/clock: without this, an expired cluster's server
        // would run until the next streaming call.
        sweeper = new Timer(_ => Expire(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public bool RealRedis => launcher.IsReal;

    public string? RedisServer => launcher.ServerPath;

    public string? WhyNoRealRedis => launcher.WhyNot;

    /// <summary>The ready delay for clusters provisioned from now on.</summary>
    public double ReadySeconds
    {
        get
        {
            lock (gate)
            {
                return readySeconds;
            }
        }

        set
        {
            lock (gate)
            {
                readySeconds = value;
            }
        }
    }

    public EmulatorClock Clock => clock;

    public static string? ReadySecondsProblem(double seconds) =>
        !double.IsFinite(seconds) || seconds < 0 || seconds > 366 * 86400 ? "readySeconds must be 0 or more, and under a year" : null;

    public async Task<(ProvisionOutcome Outcome, ClusterRecord? Cluster)> ProvisionAsync(string project, string engine, ClusterPlan plan)
    {
        await provisioning.WaitAsync();
        try
        {
            Expire();
            lock (gate)
            {
                if (clusters.ContainsKey((project, engine, plan.Name)))
                {
                    return (ProvisionOutcome.AlreadyExists, null);
                }
            }

            var username = $"{project}-{plan.Name}";
            var password = RandomNumberGenerator.GetString(PasswordAlphabet, 24);
            RedisInstance? redis = null;
            if (engine == EngineNames.Redis && launcher.IsReal)
            {
                redis = await launcher.StartAsync(username, password);
            }

            var now = clock.GetUtcNow();
            var cluster = new ClusterRecord
            {
                Project = project,
                Engine = engine,
                Kind = plan.Backend.Kind,
                Name = plan.Name,
                ResourceSettings = plan.ResourceSettings,
                FeatureFlags = plan.FeatureFlags,
                Username = username,
                Password = password,
                Url = engine == EngineNames.Redis
                    ? $"redis://{username}:{password}@127.0.0.1:{redis?.Port ?? LoopbackPorts.Free()}"
                    : $"amqps://{username}:{password}@127.0.0.1:{LoopbackPorts.Free()}",
                MgmtUrl = engine == EngineNames.Redis ? null : $"https://127.0.0.1:{LoopbackPorts.Free()}/",
                ProvisionedAt = now,
                ExpiresAt = now + ClusterRecord.LifetimeSpan,
                ReadyAfter = TimeSpan.FromSeconds(ReadySeconds),
                Redis = redis,
                RedisFailed = engine == EngineNames.Redis && launcher.IsReal && redis is null,
            };

            lock (gate)
            {
                if (!disposed)
                {
                    clusters[(project, engine, plan.Name)] = cluster;
                    return (ProvisionOutcome.Created, cluster);
                }
            }

            // Shut down while the server started: it must not outlive the emulator.
            Stop(cluster);
            throw new OperationCanceledException("the emulator is stopping");
        }
        finally
        {
            provisioning.Release();
        }
    }

    public IReadOnlyList<ClusterRecord> List(string project, string engine)
    {
        Expire();
        lock (gate)
        {
            return [.. clusters.Values.Where(c => c.Project == project && c.Engine == engine).OrderBy(c => c.Name, StringComparer.Ordinal)];
        }
    }

    /// <summary>Every cluster of every project, for the control endpoint.</summary>
    public IReadOnlyList<ClusterRecord> All()
    {
        Expire();
        lock (gate)
        {
            return [.. clusters.Values.OrderBy(c => c.Project, StringComparer.Ordinal).ThenBy(c => c.Engine).ThenBy(c => c.Name, StringComparer.Ordinal)];
        }
    }

    public ClusterRecord? Find(string project, string engine, string name)
    {
        Expire();
        lock (gate)
        {
            return clusters.GetValueOrDefault((project, engine, name));
        }
    }

    /// <summary>Starts the seven days again from now; null when there is no such cluster.</summary>
    public ClusterRecord? Extend(string project, string engine, string name) =>
        Update(project, engine, name, (cluster, now) => cluster with { ExtendedAt = now, ExpiresAt = now + ClusterRecord.LifetimeSpan });

    /// <summary>Forces status words; "" goes back to the lifecycle's word, null leaves the field as it is.</summary>
    public ClusterRecord? Force(string project, string engine, string name, string? sync, string? health) =>
        Update(project, engine, name, (cluster, _) => cluster with
        {
            ForcedSync = sync is null ? cluster.ForcedSync : sync.Length == 0 ? null : sync,
            ForcedHealth = health is null ? cluster.ForcedHealth : health.Length == 0 ? null : health,
        });

    /// <summary>Sets how the cluster's deletes are refused (<see cref="DeleteRefusal.None"/>: they work again).</summary>
    public ClusterRecord? RefuseDelete(string project, string engine, string name, DeleteRefusal refusal) =>
        Update(project, engine, name, (cluster, _) => cluster with { DeleteRefusal = refusal });

    /// <summary>
    /// Deletes the cluster for good, its server stopped before this returns, unless it was told to
    /// refuse: then it stays, and the refusal is the outcome. Null when there is no such cluster.
    /// </summary>
    public DeleteRefusal? Delete(string project, string engine, string name)
    {
        Expire();
        ClusterRecord? removed;
        lock (gate)
        {
            if (clusters.GetValueOrDefault((project, engine, name)) is { DeleteRefusal: not DeleteRefusal.None } refusing)
            {
                return refusing.DeleteRefusal;
            }

            clusters.Remove((project, engine, name), out removed);
        }

        if (removed is null)
        {
            return null;
        }

        Stop(removed);
        return DeleteRefusal.None;
    }

    /// <summary>Deletes every cluster and restores the configured ready delay (with <c>/_emulator/reset</c>).</summary>
    public void Reset()
    {
        List<ClusterRecord> removed;
        lock (gate)
        {
            removed = [.. clusters.Values];
            clusters.Clear();
            readySeconds = initialReadySeconds;
        }

        removed.ForEach(Stop);
    }

    /// <summary>Removes the clusters whose countdown has reached zero, and stops their servers.</summary>
    public void Expire()
    {
        var now = clock.GetUtcNow();
        List<ClusterRecord> expired;
        lock (gate)
        {
            expired = [.. clusters.Values.Where(c => c.ExpiresAt <= now)];
            foreach (var cluster in expired)
            {
                clusters.Remove((cluster.Project, cluster.Engine, cluster.Name));
            }
        }

        expired.ForEach(Stop);
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            clusters.Clear();
        }

        sweeper.Dispose();
        launcher.Dispose();
    }

    private ClusterRecord? Update(string project, string engine, string name, Func<ClusterRecord, DateTimeOffset, ClusterRecord> change)
    {
        Expire();
        lock (gate)
        {
            if (!clusters.TryGetValue((project, engine, name), out var cluster))
            {
                return null;
            }

            var changed = change(cluster, clock.GetUtcNow());
            clusters[(project, engine, name)] = changed;
            return changed;
        }
    }

    private void Stop(ClusterRecord cluster)
    {
        if (cluster.Redis is { } redis)
        {
            launcher.Stop(redis);
        }
    }
}
