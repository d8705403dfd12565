using System.Collections;
using System.Collections.Specialized;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace S3M.Client.Tests;

/// <summary>
/// What the models show to tools that reflect over them (ConvertTo-Json, Export-Csv): the answer
/// only through <see cref="IRawAnswer"/>, and lists and dictionaries as one line of text.
/// </summary>
public class OutputShapeTests
{
    private static readonly Type[] Exported = typeof(S3mClient).Assembly.GetExportedTypes();

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void No_class_shows_a_JsonElement_in_a_public_property()
    {
        var shown = Exported.Where(t => !t.IsInterface)
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => (t, p)))
            .Where(x => x.p.PropertyType == typeof(JsonElement))
            .Select(x => $"{x.t.Name}.{x.p.Name}");
        Assert.Empty(shown);
    }

    [Fact]
    public void Every_model_that_keeps_its_answer_gives_it_through_IRawAnswer()
    {
        var keepers = Exported.Where(t => t.GetProperty("Raw", BindingFlags.NonPublic | BindingFlags.Instance) != null).ToArray();
        Assert.True(keepers.Length >= 12, $"only {keepers.Length} models keep an answer");
        Assert.All(keepers, t => Assert.True(typeof(IRawAnswer).IsAssignableFrom(t), $"{t.Name} keeps Raw but is not an IRawAnswer"));
    }

    [Fact]
    public void The_answer_reads_as_plain_values_and_as_its_text()
    {
        const string text = """{"job_id":7,"time":{"elapsed":95},"job_state":["RUNNING"],"big":"9223372036854775807","tags":["a",1,null]}""";
        var job = SlurmJob.Read(Json(text), "odo", "v0.0.44", DateTimeOffset.UtcNow);
        IRawAnswer answer = job;
        Assert.Equal(7, answer.Raw.GetProperty("job_id").GetInt32());
        var plain = Assert.IsType<OrderedDictionary>(answer.ToPlainValues());
        Assert.Equal(7L, plain["job_id"]);
        Assert.Equal(95L, ((IDictionary)plain["time"]!)["elapsed"]);
        Assert.Equal("9223372036854775807", plain["big"]);
        Assert.Equal(new object?[] { "a", 1L, null }, (object?[])plain["tags"]!);
        Assert.Null(((IRawAnswer)new SlurmJob()).ToPlainValues());
        Assert.Equal(text, job.ToJsonText());
        Assert.Equal("", ((IRawAnswer)new SlurmJob()).ToJsonText());
    }

    [Fact]
    public void Lists_read_as_their_items_joined_by_semicolons()
    {
        Assert.Equal("COMPLETING;REQUEUED", new S3mList<string>(new[] { "COMPLETING", "REQUEUED" }).ToString());
        Assert.Equal("", S3mList<string>.Empty.ToString());
        var job = SlurmJob.Read(Json("""{"job_id":7,"job_state":["COMPLETED","COMPLETING","REQUEUED"]}"""), "odo", "v0.0.44", DateTimeOffset.UtcNow);
        Assert.Equal("COMPLETING;REQUEUED", job.StateFlags.ToString());
        IReadOnlyList<string> flags = job.StateFlags;
        Assert.Equal("REQUEUED", flags[1]);
    }

    [Fact]
    public void Dictionaries_read_as_key_value_pairs_in_the_answers_order()
    {
        var settings = new S3mDictionary<long>(new Dictionary<string, long> { ["ram-gbs"] = 4, ["cpus"] = 2 });
        Assert.Equal("ram-gbs=4;cpus=2", settings.ToString());
        Assert.Equal(2, settings["cpus"]);
        Assert.Equal("", S3mDictionary<string>.Empty.ToString());
    }

    [Fact]
    public void The_text_does_not_depend_on_the_culture()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.Equal("1.5;2", new S3mList<double>(new[] { 1.5, 2 }).ToString());
            Assert.Equal("x=1.5", new S3mDictionary<double>(new Dictionary<string, double> { ["x"] = 1.5 }).ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
