using System.Text.Json;

namespace S3M.Client.Tests.Slurm.Submit;

/// <summary>
/// The official slurmrestd OpenAPI documents, from S3M_CONTRACTS_DIR or ../shared/contracts/slurm
/// beside the repository (the folder holding S3M.sln), and a small checker of values against them.
/// </summary>
internal static class SlurmContracts
{
    public static readonly string? Folder = Find();

    public static string SkipReason(string version) =>
        $"no slurmrestd {version} document in {Folder ?? "../shared/contracts/slurm (no S3M.sln above the test binaries)"}; set S3M_CONTRACTS_DIR to run the contract tests";

    public static bool Has(string version) => Folder != null && File.Exists(PathOf(version));

    /// <summary>components.schemas of the version's document.</summary>
    public static JsonElement Schemas(string version)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(PathOf(version)));
        return document.RootElement.GetProperty("components").GetProperty("schemas").Clone();
    }

    /// <summary>Where <paramref name="value"/> breaks <paramref name="schema"/>: unknown keys, wrong types, numbers out of their format.</summary>
    public static List<string> Problems(JsonElement value, JsonElement schema, JsonElement schemas, string path = "$")
    {
        var problems = new List<string>();
        Check(value, schema, schemas, path, problems);
        return problems;
    }

    private static void Check(JsonElement value, JsonElement schema, JsonElement schemas, string path, List<string> problems)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Substring("#/components/schemas/".Length);
            Check(value, schemas.GetProperty(name), schemas, path, problems);
            return;
        }
        var type = schema.TryGetProperty("type", out var t) ? t.GetString() : null;
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        switch (type)
        {
            case "object":
                if (value.ValueKind != JsonValueKind.Object) { problems.Add($"{path}: {value.ValueKind}, not an object"); return; }
                var properties = schema.GetProperty("properties");
                foreach (var property in value.EnumerateObject())
                {
                    if (properties.TryGetProperty(property.Name, out var inner))
                    {
                        Check(property.Value, inner, schemas, path + "." + property.Name, problems);
                    }
                    else
                    {
                        problems.Add($"{path}.{property.Name}: not in the schema");
                    }
                }
                break;
            case "array":
                if (value.ValueKind != JsonValueKind.Array) { problems.Add($"{path}: {value.ValueKind}, not an array"); return; }
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Check(item, schema.GetProperty("items"), schemas, $"{path}[{index++}]", problems);
                }

                break;
            case "string":
                if (value.ValueKind != JsonValueKind.String)
                {
                    problems.Add($"{path}: {value.ValueKind}, not a string");
                }

                break;
            case "boolean":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    problems.Add($"{path}: {value.ValueKind}, not a boolean");
                }

                break;
            case "integer":
                if (value.ValueKind != JsonValueKind.Number)
                {
                    problems.Add($"{path}: {value.ValueKind}, not an integer");
                }
                else if (!value.TryGetInt64(out var number))
                {
                    problems.Add($"{path}: {value}, not an integer");
                }
                else if (format == "int32" && (number < int.MinValue || number > int.MaxValue))
                {
                    problems.Add($"{path}: {number} does not fit int32");
                }

                break;
            default:
                problems.Add($"{path}: the schema has type '{type}', which this checker does not know");
                break;
        }
    }

    private static string PathOf(string version) => Path.Combine(Folder!, version + ".openapi.json");

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("S3M_CONTRACTS_DIR");
        if (!string.IsNullOrEmpty(configured))
        {
            return Directory.Exists(Path.Combine(configured, "slurm")) ? Path.Combine(configured, "slurm") : configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "S3M.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "contracts", "slurm"));
            }
        }
        return null;
    }
}
