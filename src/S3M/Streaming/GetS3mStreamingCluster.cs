using System;
using System.Linq;
using System.Management.Automation;
using S3M.Streaming;
using S3M.Transport;

namespace S3M.Commands;

/// <summary>
/// Streaming clusters: without -Name those of one engine or both (listings carry no
/// credential); with names, each cluster's full record. Warns of clusters about to expire.
/// </summary>
[Cmdlet(VerbsCommon.Get, "S3mStreamingCluster")]
[OutputType(typeof(StreamingCluster))]
public sealed class GetS3mStreamingCluster : S3mSessionCmdlet
{
    private static readonly TimeSpan ExpiryWarning = TimeSpan.FromHours(24);

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    public StreamingEngine? Engine { get; set; }

    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(StreamingClusterNameCompleter))]
    public string[]? Name { get; set; }

    protected override void ProcessS3mRecord()
    {
        var client = RequireSession().Client.Streaming;
        var engines = Engine.HasValue ? new[] { Engine.Value } : StreamingEngines.All;
        if (Name == null || Name.Any(WildcardPattern.ContainsWildcardCharacters))
        {
            var keep = NameFilter.From(Name);
            foreach (var engine in engines)
            {
                foreach (var cluster in Await(token => client.GetClustersAsync(engine, token)))
                {
                    if (keep(cluster.Name))
                    {
                        Write(cluster);
                    }
                }
            }

            return;
        }
        if (!Engine.HasValue)
        {
            throw S3mException.InvalidArgument("Engine", "is required with -Name: cluster names are unique per engine.");
        }

        foreach (var name in Name)
        {
            try { Write(Await(token => client.GetClusterAsync(Engine.Value, name, token))); }
            catch (S3mException e) when (IsItemFailure(e))
            {
                WriteItemError(e, name);
            }
        }
    }

    private void Write(StreamingClusterInfo cluster)
    {
        if (cluster.Remaining.HasValue && cluster.Remaining.Value < ExpiryWarning)
        {
            WriteWarning($"{cluster.Engine} cluster {cluster.Name} is deleted in {cluster.Remaining.Value.TotalHours:0.#} h unless extended: Reset-S3mStreamingClusterLifetime -Engine {cluster.Engine} -Name {cluster.Name}.");
        }

        WriteObject(new StreamingCluster(cluster));
    }
}
