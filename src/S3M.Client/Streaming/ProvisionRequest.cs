using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using S3M.Transport;

namespace S3M.Streaming;

/// <summary>A cluster to provision, checked against the backends S3M offers before anything is sent.</summary>
public sealed class ProvisionRequest
{
    public const int MaxNameLength = 40;
    // \z, not $: in .NET "$" also matches before a final "\n", so "ingest01\n" would pass.
    private static readonly Regex HostLabel = new Regex(@"^[a-z0-9]([a-z0-9-]*[a-z0-9])?\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Which parameter each setting came from, so errors name what the user typed.</summary>
    private readonly Dictionary<string, string> _sources = new Dictionary<string, string>(StringComparer.Ordinal);

    public StreamingEngine Engine { get; set; }
    public string Name { get; set; } = "";
    public string? Kind { get; set; }
    public Dictionary<string, long> ResourceSettings { get; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>Sets one resource setting, remembering the parameter it came from for error messages.</summary>
    public void SetResourceSetting(string key, long value, string parameterName)
    {
        ResourceSettings[key] = value;
        _sources[key] = parameterName;
    }
    public Dictionary<string, bool> FeatureFlags { get; } = new Dictionary<string, bool>(StringComparer.Ordinal);

    /// <summary>
    /// Applies S3M's rules: a name of at most 40 characters that is an RFC 1123 host label; a
    /// kind the engine offers (the only one when there is one); known settings above zero and
    /// within the backend's bounds; one node for Redis; known feature flags. Returns the backend.
    /// </summary>
    public StreamingBackend Check(IReadOnlyList<StreamingBackend> backends)
    {
        CheckLocally();
        var offered = backends.Where(b => b.Engine == Engine).ToList();
        if (offered.Count == 0)
        {
            throw S3mException.InvalidArgument("Engine", $"{Engine} is not offered by this S3M: its list of backends does not name it.");
        }

        var kinds = string.Join(", ", offered.Select(b => b.Kind));
        StreamingBackend backend;
        if (Kind == null)
        {
            if (offered.Count > 1)
            {
                throw S3mException.InvalidArgument("Kind", $"is required: {Engine} offers several kinds ({kinds}).");
            }

            backend = offered[0];
            Kind = backend.Kind;
        }
        else
        {
            backend = offered.FirstOrDefault(b => string.Equals(b.Kind, Kind, StringComparison.OrdinalIgnoreCase))
                ?? throw S3mException.InvalidArgument("Kind", $"'{S3mRoutes.Printable(Kind)}' is not a kind {Engine} offers; choose one of: {kinds}.");
            Kind = backend.Kind;
        }

        foreach (var setting in ResourceSettings)
        {
            var parameter = ParameterOf(setting.Key);
            var option = backend.ResourceOptions.FirstOrDefault(o => o.Key == setting.Key)
                ?? throw S3mException.InvalidArgument(parameter, $"'{S3mRoutes.Printable(setting.Key)}' is not a setting {Engine} {backend.Kind} takes; it takes: {string.Join(", ", backend.ResourceOptions.Select(o => o.Key))}.");
            // A max of 0 is one S3M left out (protobuf's zero): no upper bound, not "nothing allowed".
            if (setting.Value < option.Min || (option.Max > 0 && setting.Value > option.Max))
            {
                throw S3mException.InvalidArgument(parameter, option.Max > 0
                    ? $"({setting.Key}) must be between {option.Min} and {option.Max}, not {setting.Value}."
                    : $"({setting.Key}) must be at least {option.Min}, not {setting.Value}.");
            }
        }
        foreach (var flag in FeatureFlags.Keys)
        {
            if (!backend.FeatureFlags.Any(f => f.Key == flag))
            {
                throw S3mException.InvalidArgument("FeatureFlag", $"'{S3mRoutes.Printable(flag)}' is not a feature flag of {Engine} {backend.Kind}; it has: {string.Join(", ", backend.FeatureFlags.Select(f => f.Key))}.");
            }
        }
        return backend;
    }

    private string ParameterOf(string key) => _sources.TryGetValue(key, out var p) ? p : "ResourceSetting";

    /// <summary>The rules that need no backend list: the name, settings above zero, one node for Redis.</summary>
    public void CheckLocally()
    {
        CheckName();
        foreach (var setting in ResourceSettings)
        {
            if (setting.Value <= 0)
            {
                throw S3mException.InvalidArgument(ParameterOf(setting.Key), $"({setting.Key}) must be greater than 0, not {setting.Value}.");
            }

            if (setting.Key == "nodes" && Engine == StreamingEngine.Redis && setting.Value > 1)
            {
                throw S3mException.InvalidArgument(ParameterOf(setting.Key), "must be 1 for Redis: S3M does not offer multi-node Redis.");
            }
        }
    }

    private void CheckName()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw S3mException.InvalidArgument("Name", "is required.");
        }

        if (Name.Length > MaxNameLength)
        {
            throw S3mException.InvalidArgument("Name", $"'{S3mRoutes.Printable(Name)}' is {Name.Length} characters; a cluster name has at most {MaxNameLength}.");
        }

        if (!HostLabel.IsMatch(Name))
        {
            throw S3mException.InvalidArgument("Name", $"'{S3mRoutes.Printable(Name)}' is not an RFC 1123 host name: use lowercase letters, digits and '-', starting and ending with a letter or digit.");
        }
    }

    internal string ToJson() => JsonBody.From(new Dictionary<string, object?>
    {
        ["kind"] = Kind,
        ["name"] = Name,
        ["resourceSettings"] = ResourceSettings,
        ["featureFlags"] = FeatureFlags,
    }, "Body");
}
