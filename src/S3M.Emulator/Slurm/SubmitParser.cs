using System.Globalization;
using System.Text.Json;

namespace S3M.Emulator.Slurm;

/// <summary>
/// The gateway's reading of a submit body, before Slurm sees it: the JSON must fit S3M's protobuf
/// message, so an unknown field, a value of the wrong type or a missing script is a 400 here.
/// Slurm's own objections (partition, account, limits) come later, as <c>errors[]</c>.
/// </summary>
internal static class SubmitParser
{
    /// <summary>The job, or the reason the gateway refuses the body.</summary>
    public static JobDescription? Parse(string body, SlurmApiVersion version, out string? problem)
    {
        problem = null;
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body.Length == 0 ? "null" : body);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            problem = $"the body is not JSON: {e.Message}";
            return null;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = "the body must be a JSON object";
            return null;
        }

        string[] topLevel = version.AcceptsJobsArray ? ["job", "jobs", "script"] : ["job"];
        var unknown = root.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => !topLevel.Contains(n));
        if (unknown is not null)
        {
            problem = $"unknown field \"{unknown}\" in the submit body; {version.Name} takes {string.Join(", ", topLevel.Select(n => $"\"{n}\""))}";
            return null;
        }

        var job = Present(root, "job");
        var jobs = Present(root, "jobs");
        var script = Present(root, "script");
        if (job is not null && jobs is not null)
        {
            problem = "send either \"job\" or \"jobs\", not both";
            return null;
        }

        if (job is { } single)
        {
            if (script is not null)
            {
                problem = "a top-level \"script\" goes with \"jobs\"; with \"job\", put the script inside the job";
                return null;
            }

            return ReadJob(single, "job", topLevelScript: null, out problem);
        }

        if (jobs is not { } list)
        {
            problem = version.AcceptsJobsArray
                ? "the submit body needs \"job\", or \"script\" and \"jobs\""
                : $"the submit body needs a \"job\" object ({version.Name} does not take \"jobs\")";
            return null;
        }

        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() != 1)
        {
            problem = "\"jobs\" must be an array of exactly one job (S3M submits one job at a time)";
            return null;
        }

        if (script is { } text && text.ValueKind != JsonValueKind.String)
        {
            problem = "\"script\" must be a string";
            return null;
        }

        return ReadJob(list[0], "jobs[0]", script?.GetString(), out problem);
    }

    /// <summary>A property that is there and not null (protobuf reads null as absent).</summary>
    private static JsonElement? Present(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static JobDescription? ReadJob(JsonElement job, string where, string? topLevelScript, out string? problem)
    {
        problem = null;
        if (job.ValueKind != JsonValueKind.Object)
        {
            problem = $"\"{where}\" must be an object";
            return null;
        }

        var values = new Dictionary<string, object>();
        foreach (var field in job.EnumerateObject())
        {
            if (!SubmitSchema.Accepted.TryGetValue(field.Name, out var type))
            {
                problem = $"unknown field \"{field.Name}\" in {where}: S3M does not accept it";
                return null;
            }

            if (field.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var value = Read(field.Value, type);
            if (value is null)
            {
                problem = $"{where}.{field.Name}: {Expected(type)}";
                return null;
            }

            values[field.Name] = value;
        }

        var script = string.IsNullOrEmpty(topLevelScript) ? values.GetValueOrDefault("script") as string : topLevelScript;
        if (string.IsNullOrEmpty(script))
        {
            problem = "the job has no script: a batch job needs one";
            return null;
        }

        return new JobDescription(values, script);
    }

    private static object? Read(JsonElement value, ProtobufType type) => type switch
    {
        ProtobufType.Text => value.ValueKind == JsonValueKind.String ? value.GetString() : null,
        ProtobufType.Flag => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null,
        ProtobufType.Int32 => Integer(value, int.MinValue, int.MaxValue) is { } n ? (int)n : null,
        ProtobufType.TextList => value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
            ? value.EnumerateArray().Select(e => e.GetString()!).ToArray()
            : null,
        ProtobufType.Wrapped32 => Wrapper(value, uint.MaxValue),
        _ => Wrapper(value, long.MaxValue),
    };

    private static string Expected(ProtobufType type) => type switch
    {
        ProtobufType.Text => "must be a string",
        ProtobufType.Flag => "must be true or false",
        ProtobufType.Int32 => "must be a 32-bit integer (a number, or a string holding one)",
        ProtobufType.TextList => "must be an array of strings",
        _ => "must be a number wrapper such as {\"set\":true,\"infinite\":false,\"number\":60} (number: an integer or a string holding one)",
    };

    /// <summary>protobuf's JSON takes integers as numbers or as strings holding them.</summary>
    private static long? Integer(JsonElement value, long min, long max)
    {
        long number;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n))
        {
            number = n;
        }
        else if (value.ValueKind == JsonValueKind.String
                 && long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s))
        {
            number = s;
        }
        else
        {
            return null;
        }

        return number >= min && number <= max ? number : null;
    }

    private static WrappedNumber? Wrapper(JsonElement value, long max)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        bool? set = null;
        var infinite = false;
        long? number = null;
        foreach (var part in value.EnumerateObject())
        {
            switch (part.Name)
            {
                case "set" when part.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    set = part.Value.GetBoolean();
                    break;
                case "infinite" when part.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    infinite = part.Value.GetBoolean();
                    break;
                case "number" when Integer(part.Value, 0, max) is { } n:
                    number = n;
                    break;
                case "set" or "infinite" or "number" when part.Value.ValueKind == JsonValueKind.Null:
                    break;
                default:
                    return null;
            }
        }

        // A number without "set" still means that number, as Slurm's own parser reads it.
        return new WrappedNumber(set ?? (number is not null || infinite), infinite, number ?? 0);
    }
}
