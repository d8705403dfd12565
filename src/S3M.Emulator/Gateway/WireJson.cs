using System.Collections;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace S3M.Emulator.Gateway;

/// <summary>
/// The JSON dialect of S3M's gRPC gateway (protobuf's JSON mapping): lowerCamelCase names, zero
/// values left out, 64-bit integers as strings, timestamps as RFC 3339 UTC. Every S3M answer is
/// written with these options, so clients meet here what the real gateway writes. Zero values are
/// what protojson omits: 0, false, "", an empty list or map, and an enum's zero word
/// (<see cref="ProtoEnumAttribute"/>); null means the message has no such field and is never written.
/// <see cref="WireDialect"/> can ask for the zero values to be written instead.
/// </summary>
internal static class WireJson
{
    /// <summary>The sparse form, which gateway error bodies always take.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions(JsonNamingPolicy.CamelCase, writeZeroFields: false);

    /// <summary>The same dialect for Slurm answers, whose fields keep slurmrestd's snake_case names.</summary>
    public static JsonSerializerOptions SlurmOptions { get; } = CreateOptions(JsonNamingPolicy.SnakeCaseLower, writeZeroFields: false);

    private static readonly JsonSerializerOptions FullOptions = CreateOptions(JsonNamingPolicy.CamelCase, writeZeroFields: true);

    private static readonly JsonSerializerOptions FullSlurmOptions = CreateOptions(JsonNamingPolicy.SnakeCaseLower, writeZeroFields: true);

    /// <summary>A status, token or streaming answer, in the form <see cref="WireDialect"/> asks for.</summary>
    public static IResult Ok<T>(T value) => new WireAnswer<T>(value, Slurm: false);

    /// <summary>A Slurm answer, in the form <see cref="WireDialect"/> asks for.</summary>
    public static IResult OkSlurm<T>(T value) => new WireAnswer<T>(value, Slurm: true);

    /// <summary>The request body as text, for the calls that read their JSON by hand so each refusal can say what broke.</summary>
    public static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
    }

    private static JsonSerializerOptions CreateOptions(JsonNamingPolicy naming, bool writeZeroFields)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = naming,
            // Quotes as \" like Go's encoder, not \u0022: the answers are never embedded in HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { writeZeroFields ? OmitNulls : OmitZeroValues } },
            Converters = { new Int64AsStringConverter(), new Rfc3339Converter() },
        };
        options.MakeReadOnly();
        return options;
    }

    private static void OmitNulls(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            property.ShouldSerialize = static (_, value) => value is not null;
        }
    }

    private static void OmitZeroValues(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            if (property.AttributeProvider?.IsDefined(typeof(KeepEmptyAttribute), inherit: true) == true)
            {
                property.ShouldSerialize = static (_, value) => value is not null;
            }
            else if (property.AttributeProvider?.GetCustomAttributes(typeof(ProtoEnumAttribute), inherit: true) is [ProtoEnumAttribute protoEnum])
            {
                var zero = protoEnum.ZeroWord;
                property.ShouldSerialize = (_, value) => !IsZero(value) && !Equals(value, zero);
            }
            else
            {
                property.ShouldSerialize = static (_, value) => !IsZero(value);
            }
        }
    }

    private static bool IsZero(object? value) => value switch
    {
        null => true,
        string text => text.Length == 0,
        bool flag => !flag,
        int number => number == 0,
        long number => number == 0,
        double number => number == 0,
        DateTimeOffset time => time == default,
        ICollection items => items.Count == 0,
        IEnumerable items => !items.Cast<object>().Any(),
        _ => false,
    };

    /// <summary>Serialized when it runs, so a dialect change applies from the next answer on.</summary>
    private sealed record WireAnswer<T>(T Value, bool Slurm) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var full = httpContext.RequestServices.GetRequiredService<WireDialect>().Current.WriteZeroFields;
            var options = (Slurm, full) switch
            {
                (true, true) => FullSlurmOptions,
                (true, false) => SlurmOptions,
                (false, true) => FullOptions,
                (false, false) => Options,
            };
            return Results.Json(Value, options).ExecuteAsync(httpContext);
        }
    }

    /// <summary>protobuf writes int64 as a JSON string, since JavaScript numbers cannot hold every one.</summary>
    private sealed class Int64AsStringConverter : JsonConverter<long>
    {
        public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String
                ? long.Parse(reader.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
                : reader.GetInt64();

        public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// A string that is a protobuf enum on the wire: its zero word (<c>UNSPECIFIED</c>) is the enum's
/// zero value, which protojson leaves out like any other.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ProtoEnumAttribute(string zeroWord = "UNSPECIFIED") : Attribute
{
    public string ZeroWord { get; } = zeroWord;
}

/// <summary>RFC 3339 in UTC with a "Z", and 0, 3, 6 or 9 fraction digits as protobuf's Timestamp prints them.</summary>
internal sealed class Rfc3339Converter : JsonConverter<DateTimeOffset>
{
    public static string Format(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        var ticks = utc.Ticks % TimeSpan.TicksPerSecond;
        var fraction =
            ticks == 0 ? "" :
            ticks % TimeSpan.TicksPerMillisecond == 0 ? "." + (ticks / TimeSpan.TicksPerMillisecond).ToString("000", CultureInfo.InvariantCulture) :
            ticks % 10 == 0 ? "." + (ticks / 10).ToString("000000", CultureInfo.InvariantCulture) :
            "." + (ticks * 100).ToString("000000000", CultureInfo.InvariantCulture);
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + fraction + "Z";
    }

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));
}

/// <summary>A field written even when it holds a zero value, in either dialect: a refusal spelt out (<c>{"success":false}</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class KeepEmptyAttribute : Attribute;
