using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using S3M.Streaming;
using S3M.Transport;

namespace S3M.Commands;

/// <summary>
/// Provisions a RabbitMQ or Redis cluster. Every rule S3M applies is checked first, against the
/// backends it offers; a failed check sends nothing. The provision is never sent twice.
/// </summary>
[Cmdlet(VerbsCommon.New, "S3mStreamingCluster", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(StreamingCluster))]
public sealed class NewS3mStreamingCluster : S3mSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    public StreamingEngine Engine { get; set; }

    /// <summary>At most 40 characters; lowercase letters, digits and '-' (an RFC 1123 host name).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [AllowEmptyString]
    public string Name { get; set; } = "";

    /// <summary>One of the kinds Get-S3mStreamingBackend lists; optional when the engine has one.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(StreamingKindCompleter))]
    public string? Kind { get; set; }

    [Parameter] public int? Cpus { get; set; }
    [Parameter] public int? RamGB { get; set; }

    /// <summary>RabbitMQ only: S3M offers single-node Redis.</summary>
    [Parameter] public int? Nodes { get; set; }

    /// <summary>Any other resource setting by its key: @{ 'ram-gbs' = 8 }.</summary>
    [Parameter][ValidateNotNull] public IDictionary? ResourceSetting { get; set; }

    /// <summary>Feature flags by key: @{ 'management-ui' = $true }.</summary>
    [Parameter][ValidateNotNull] public IDictionary? FeatureFlag { get; set; }

    /// <summary>Waits until the cluster is ready.</summary>
    [Parameter] public SwitchParameter Wait { get; set; }
    [Parameter] public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(15);
    [Parameter] public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    protected override string? OutcomeCheck => $"Get-S3mStreamingCluster -Engine {Engine} -Name {Name}";

    protected override void ProcessS3mRecord()
    {
        var client = RequireSession().Client.Streaming;
        CheckWaitTimes(Timeout, PollInterval);
        var request = new ProvisionRequest { Engine = Engine, Name = Name, Kind = Kind };
        if (ResourceSetting != null)
        {
            foreach (DictionaryEntry entry in ResourceSetting)
            {
                request.SetResourceSetting(Convert.ToString(entry.Key) ?? "", ToLong(entry.Value, "ResourceSetting"), "ResourceSetting");
            }
        }

        if (Cpus.HasValue)
        {
            request.SetResourceSetting("cpus", Cpus.Value, "Cpus");
        }

        if (RamGB.HasValue)
        {
            request.SetResourceSetting("ram-gbs", RamGB.Value, "RamGB");
        }

        if (Nodes.HasValue)
        {
            request.SetResourceSetting("nodes", Nodes.Value, "Nodes");
        }

        if (FeatureFlag != null)
        {
            foreach (DictionaryEntry entry in FeatureFlag)
            {
                request.FeatureFlags[Convert.ToString(entry.Key) ?? ""] = LanguagePrimitives.IsTrue(entry.Value);
            }
        }
        // Checking needs the backends (a read); nothing is provisioned before ShouldProcess.
        request.CheckLocally();
        request.Check(Await(client.GetBackendsAsync));

        if (!ShouldProcess($"{Engine} cluster {Name}", $"Provision ({request.Kind}; {string.Join(", ", request.ResourceSettings.Select(s => $"{s.Key}={s.Value}"))})"))
        {
            return;
        }

        var cluster = Await(token => client.ProvisionAsync(request, token));
        foreach (var warning in cluster.Warnings)
        {
            WriteWarning(warning);
        }

        if (Wait)
        {
            cluster = new StreamingClusterWaiter(this, client) { Timeout = Timeout, PollInterval = PollInterval }.Wait(Engine, Name, cluster);
        }

        WriteObject(new StreamingCluster(cluster));
    }

    private static long ToLong(object? value, string parameterName)
    {
        try { return Convert.ToInt64(PlainValues.FromPowerShell(value), System.Globalization.CultureInfo.InvariantCulture); }
        catch (Exception e) when (e is FormatException || e is InvalidCastException || e is OverflowException)
        { throw S3mException.InvalidArgument(parameterName, $"values must be whole numbers, not '{value}'."); }
    }
}
