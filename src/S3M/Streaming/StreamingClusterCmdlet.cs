using System.Management.Automation;
using S3M.Transport;

namespace S3M.Commands;

/// <summary>
/// Shape of the cmdlets that act on one named cluster: -Engine and -Name, bound by position
/// or by property from Get-S3mStreamingCluster's output.
/// </summary>
public abstract class StreamingClusterCmdlet : S3mSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public StreamingEngine Engine { get; set; }

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(StreamingClusterNameCompleter))]
    public string Name { get; set; } = "";

    /// <summary>Runs <paramref name="work"/> for this record; an S3M failure is this cluster's error and the pipeline goes on.</summary>
    protected override string? OutcomeCheck => $"Get-S3mStreamingCluster -Engine {Engine} -Name {Name}";

    protected void ForThisCluster(System.Action work)
    {
        S3mNames.Check(Name, "Name");
        try { work(); }
        catch (S3mException e) when (IsItemFailure(e))
        {
            WriteItemError(e, Name);
        }
    }
}
