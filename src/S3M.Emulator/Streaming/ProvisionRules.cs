using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using S3M.Emulator.Streaming.Wire;

namespace S3M.Emulator.Streaming;

/// <summary>A provision body that passed every rule, with the backend's defaults filled in.</summary>
internal sealed record ClusterPlan(
    Backend Backend, string Name, IReadOnlyDictionary<string, int> ResourceSettings, IReadOnlyDictionary<string, bool> FeatureFlags);

/// <summary>
/// Reads <c>{"kind","name","resourceSettings","featureFlags"}</c> and applies the contract's rules.
/// Read by hand rather than bound, so each refusal says which field broke which rule.
/// </summary>
internal static partial class ProvisionRules
{
    public const int MaxNameLength = 40;

    private static readonly string[] Fields = ["kind", "name", "resourceSettings", "featureFlags"];

    /// <summary>The plan, or null and why not (a message for a 400).</summary>
    public static ClusterPlan? Parse(string engine, string body, out string? problem)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.Length == 0 ? "{}" : body);
        }
        catch (JsonException e)
        {
            problem = $"the body is not valid JSON: {e.Message}";
            return null;
        }

        using (document)
        {
            problem = Check(engine, document.RootElement, out var plan);
            return plan;
        }
    }

    private static string? Check(string engine, JsonElement root, out ClusterPlan? plan)
    {
        plan = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return "the body must be a JSON object";
        }

        // The gateway refuses fields it does not know, so a client cannot send what a version lacks.
        foreach (var property in root.EnumerateObject())
        {
            if (!Fields.Contains(property.Name, StringComparer.Ordinal))
            {
                return $"unknown field \"{property.Name}\"; known fields: {string.Join(", ", Fields)}";
            }
        }

        var offered = BackendCatalog.Of(engine);
        var kinds = string.Join(", ", offered.Select(b => b.Kind));
        var kind = Text(root, "kind", out var kindProblem);
        if (kindProblem is not null || kind.Length == 0)
        {
            return kindProblem ?? $"kind is required; {engine} offers: {kinds}";
        }

        if (BackendCatalog.Find(engine, kind) is not { } backend)
        {
            return $"kind \"{kind}\" is not offered for {engine}; it offers: {kinds}";
        }

        var name = Text(root, "name", out var nameProblem);
        if ((nameProblem ?? NameProblem(name)) is { } badName)
        {
            return badName;
        }

        if (Settings(engine, backend, root, out var settings) is { } badSetting)
        {
            return badSetting;
        }

        if (Flags(engine, backend, root, out var flags) is { } badFlag)
        {
            return badFlag;
        }

        plan = new ClusterPlan(backend, name, settings, flags);
        return null;
    }

    /// <summary>
    /// One RFC 1123 label: the name becomes a host name and a Kubernetes object name, where a dot
    /// would start a new label; the emulator keeps the safe subset and refuses dots.
    /// </summary>
    public static string? NameProblem(string name) =>
        name.Length == 0 ? "name is required" :
        name.Length > MaxNameLength ? $"name must be at most {MaxNameLength} characters; \"{Printable(name)}\" has {name.Length}" :
        !NamePattern().IsMatch(name)
            ? $"name \"{Printable(name)}\" is not an RFC 1123 host name label: use lowercase letters, digits and '-', starting and ending with a letter or digit (no dots)"
            : null;

    private static string? Settings(string engine, Backend backend, JsonElement root, out Dictionary<string, int> settings)
    {
        settings = backend.ResourceOptions.ToDictionary(o => o.Key, o => o.Default, StringComparer.Ordinal);
        if (Map(root, "resourceSettings", out var problem) is not { } given)
        {
            return problem;
        }

        foreach (var setting in given.EnumerateObject())
        {
            if (!WholeNumber(setting.Value, out var value))
            {
                return $"resourceSettings.{setting.Name} must be a whole number";
            }

            if (value <= 0)
            {
                return $"resourceSettings.{setting.Name} must be greater than 0; it is {value}";
            }

            // Redis is single-node: "nodes": 1 says so and is accepted; more is refused by name.
            if (engine == EngineNames.Redis && setting.Name == BackendCatalog.Nodes)
            {
                if (value > 1)
                {
                    return $"resourceSettings.nodes is {value}: multi-node Redis is not supported; Redis clusters have 1 node";
                }

                continue;
            }

            var option = backend.ResourceOptions.FirstOrDefault(o => o.Key == setting.Name);
            if (option is null)
            {
                return $"unknown resource setting \"{setting.Name}\" for {engine}; known: {string.Join(", ", backend.ResourceOptions.Select(o => o.Key))}";
            }

            if (value < option.Min || value > option.Max)
            {
                return $"resourceSettings.{option.Key} must be from {option.Min} to {option.Max}; it is {value}";
            }

            settings[option.Key] = (int)value;
        }

        return null;
    }

    private static string? Flags(string engine, Backend backend, JsonElement root, out Dictionary<string, bool> flags)
    {
        flags = backend.FeatureFlags.ToDictionary(f => f.Key, f => f.Default, StringComparer.Ordinal);
        if (Map(root, "featureFlags", out var problem) is not { } given)
        {
            return problem;
        }

        foreach (var flag in given.EnumerateObject())
        {
            if (!flags.ContainsKey(flag.Name))
            {
                var known = backend.FeatureFlags.Count == 0 ? "none" : string.Join(", ", backend.FeatureFlags.Select(f => f.Key));
                return $"unknown feature flag \"{flag.Name}\" for {engine}; known: {known}";
            }

            if (flag.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return $"featureFlags.{flag.Name} must be true or false";
            }

            flags[flag.Name] = flag.Value.GetBoolean();
        }

        return null;
    }

    /// <summary>A string field; absent or null reads as "", as protobuf's JSON mapping does.</summary>
    private static string Text(JsonElement root, string field, out string? problem)
    {
        problem = null;
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return "";
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problem = $"{field} must be a string";
            return "";
        }

        return value.GetString()!;
    }

    /// <summary>An object field; null when absent or null (problem null) or not an object (problem set).</summary>
    private static JsonElement? Map(JsonElement root, string field, out string? problem)
    {
        problem = null;
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            problem = $"{field} must be a JSON object";
            return null;
        }

        return value;
    }

    /// <summary>An integer as a number or, as protobuf's JSON mapping allows, a string of digits.</summary>
    private static bool WholeNumber(JsonElement value, out long number)
    {
        number = 0;
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt64(out number) && number is >= int.MinValue and <= int.MaxValue,
            JsonValueKind.String => long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number)
                && number is >= int.MinValue and <= int.MaxValue,
            _ => false,
        };
    }

    private static string Printable(string text) =>
        new(text.Take(60).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    // \z, not $: in .NET "$" also matches before a final "\n", so "ingest01\n" would pass.
    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]*[a-z0-9])?\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NamePattern();
}
