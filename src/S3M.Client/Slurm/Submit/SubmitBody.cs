using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace S3M.Slurm;

/// <summary>Writes a description as a slurmrestd submit body, wrapping the numbers Slurm wraps.</summary>
internal static class SubmitBody
{
    // Relaxed escaping keeps "<", "&" and "'" of shell scripts readable in -WhatIf output;
    // the body is sent as JSON, never embedded in HTML.
    private static readonly JsonWriterOptions Options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(SlurmJobDescription job, SubmitForm form, bool maskEnvironment, string? tag = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            writer.WriteStartObject();
            if (form == SubmitForm.Jobs)
            {
                writer.WriteString("script", job.Script);
                writer.WriteStartArray("jobs");
                WriteJob(writer, job, withScript: false, maskEnvironment, tag);
                writer.WriteEndArray();
            }
            else
            {
                writer.WritePropertyName("job");
                WriteJob(writer, job, withScript: true, maskEnvironment, tag);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteJob(Utf8JsonWriter writer, SlurmJobDescription job, bool withScript, bool maskEnvironment, string? tag)
    {
        writer.WriteStartObject();
        foreach (var (name, kind, value) in job.WireFields(tag))
        {
            writer.WritePropertyName(name);
            if (JobFields.IsWrapped(kind))
            {
                WriteWrapped(writer, value);
            }
            else
            {
                WritePlain(writer, maskEnvironment && name == "environment" && value is string[] pairs ? MaskValues(pairs) : value);
            }
        }
        if (withScript)
        {
            writer.WriteString("script", job.Script);
        }

        writer.WriteEndObject();
    }

    /// <summary>NAME=**** for each NAME=value: which variables the job gets shows, not what they hold.</summary>
    private static string[] MaskValues(string[] pairs) =>
        System.Array.ConvertAll(pairs, pair => pair.IndexOf('=') is var equals && equals >= 0 ? pair.Substring(0, equals + 1) + Streaming.Secrets.Mask : Streaming.Secrets.Mask);

    /// <summary>Slurm's number wrapper; UNLIMITED is "infinite", whose number Slurm ignores.</summary>
    private static void WriteWrapped(Utf8JsonWriter writer, object value)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("set", true);
        if (value is SlurmUnlimited)
        {
            writer.WriteBoolean("infinite", true);
        }
        else
        {
            writer.WriteBoolean("infinite", false);
            writer.WriteNumber("number", (long)value);
        }
        writer.WriteEndObject();
    }

    private static void WritePlain(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case string text: writer.WriteStringValue(text); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case long number: writer.WriteNumberValue(number); break;
            case string[] list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    writer.WriteStringValue(item);
                }

                writer.WriteEndArray();
                break;
            default: throw new System.InvalidOperationException($"A job field holds a {value.GetType().Name}, which the body writer does not know.");
        }
    }
}
