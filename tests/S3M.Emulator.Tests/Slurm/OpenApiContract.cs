using System.Globalization;
using System.Text.Json;

namespace S3M.Emulator.Tests.Slurm;

/// <summary>
/// Checks an answer against a response schema of an OpenAPI document: every property written must
/// be in the schema (following <c>$ref</c>, arrays and objects), with a matching JSON type. The
/// gateway's dialect is the rule for integers: int64 fields must arrive as strings holding an
/// integer, int32 ones as numbers. Enum strings must be one of the enum's words.
/// </summary>
public sealed class OpenApiContract
{
    /// <summary>
    /// S3M's own spellings of schema fields. <c>gruop</c>: S3M's job message misspells
    /// <c>group</c>, and s3m-api.md says clients meet it so on the wire.
    /// </summary>
    private static readonly Dictionary<string, string> WireNames = new() { ["gruop"] = "group" };

    private readonly JsonElement root;

    public OpenApiContract(JsonElement root) => this.root = root;

    public static OpenApiContract Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return new OpenApiContract(document.RootElement.Clone());
    }

    /// <summary>How many values the last validations looked at, so a test can tell it checked something.</summary>
    public int Checked { get; private set; }

    /// <summary>The schema of the <paramref name="response"/> answer ("200", "default") of <paramref name="method"/> on <paramref name="path"/>.</summary>
    public JsonElement ResponseSchema(string method, string path, string response = "200") =>
        root.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty(response)
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");

    /// <summary>Every way <paramref name="value"/> departs from <paramref name="schema"/>; empty when it fits.</summary>
    public IReadOnlyList<string> Validate(JsonElement value, JsonElement schema, string where = "$")
    {
        var problems = new List<string>();
        Check(value, schema, where, problems);
        return problems;
    }

    private void Check(JsonElement value, JsonElement schema, string where, List<string> problems)
    {
        Checked++;
        schema = Resolve(schema);
        var type = schema.TryGetProperty("type", out var t) ? t.GetString() : schema.TryGetProperty("properties", out _) ? "object" : null;
        switch (type)
        {
            case "object":
                if (value.ValueKind != JsonValueKind.Object)
                {
                    problems.Add($"{where}: {value.ValueKind} where the schema has an object");
                    return;
                }

                if (!schema.TryGetProperty("properties", out var properties))
                {
                    return;
                }

                foreach (var property in value.EnumerateObject())
                {
                    var name = WireNames.GetValueOrDefault(property.Name, property.Name);
                    if (properties.TryGetProperty(name, out var propertySchema))
                    {
                        Check(property.Value, propertySchema, $"{where}.{property.Name}", problems);
                    }
                    else
                    {
                        problems.Add($"{where}.{property.Name}: not in the schema");
                    }
                }

                return;
            case "array":
                if (value.ValueKind != JsonValueKind.Array)
                {
                    problems.Add($"{where}: {value.ValueKind} where the schema has an array");
                    return;
                }

                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Check(item, schema.GetProperty("items"), $"{where}[{index++}]", problems);
                }

                return;
            case "string":
                if (value.ValueKind != JsonValueKind.String)
                {
                    problems.Add($"{where}: {value.ValueKind} where the schema has a string");
                }
                else if (schema.TryGetProperty("enum", out var words) && !words.EnumerateArray().Any(w => w.GetString() == value.GetString()))
                {
                    problems.Add($"{where}: \"{value.GetString()}\" is not one of the schema's words");
                }

                return;
            case "integer":
                var int64 = schema.TryGetProperty("format", out var format) && format.GetString() == "int64";
                if (int64 && !(value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
                {
                    problems.Add($"{where}: int64 must be a string holding an integer, not {value.GetRawText()}");
                }
                else if (!int64 && !(value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _)))
                {
                    problems.Add($"{where}: int32 must be a JSON integer, not {value.GetRawText()}");
                }

                return;
            case "number":
                if (value.ValueKind != JsonValueKind.Number)
                {
                    problems.Add($"{where}: {value.ValueKind} where the schema has a number");
                }

                return;
            case "boolean":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    problems.Add($"{where}: {value.ValueKind} where the schema has a boolean");
                }

                return;
            default:
                problems.Add($"{where}: the schema has no type the checker knows (\"{type}\")");
                return;
        }
    }

    private JsonElement Resolve(JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            var target = root;
            foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/'))
            {
                target = target.GetProperty(part.Replace("~1", "/").Replace("~0", "~"));
            }

            schema = target;
        }

        return schema;
    }
}
