using System.Text.Json;

namespace S3M.Emulator.Tests.Slurm;

/// <summary>The contract checker itself, on a small document: it must catch what it is there to catch.</summary>
public sealed class OpenApiContractTests
{
    private const string Document = """
        {
          "paths": { "/x": { "get": { "responses": { "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/a" } } } } } } } },
          "components": { "schemas": {
            "a": { "type": "object", "properties": {
              "n": { "type": "integer", "format": "int64" },
              "m": { "type": "integer", "format": "int32" },
              "s": { "type": "string", "enum": ["UP"] },
              "l": { "type": "array", "items": { "$ref": "#/components/schemas/b" } },
              "group": { "type": "string" } } },
            "b": { "type": "object", "properties": { "f": { "type": "boolean" }, "d": { "type": "number" } } } } }
        }
        """;

    private static readonly OpenApiContract Contract = new(JsonDocument.Parse(Document).RootElement);

    [Fact]
    public void AFittingAnswerHasNoProblems()
    {
        var problems = Validate("""{"n":"5","m":3,"s":"UP","l":[{"f":true,"d":1.5}],"gruop":"stf042"}""");

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("""{"n":5}""", "$.n")]
    [InlineData("""{"n":"five"}""", "$.n")]
    [InlineData("""{"m":"3"}""", "$.m")]
    [InlineData("""{"m":3.5}""", "$.m")]
    [InlineData("""{"s":"DOWN"}""", "$.s")]
    [InlineData("""{"s":1}""", "$.s")]
    [InlineData("""{"l":{}}""", "$.l")]
    [InlineData("""{"l":[{"g":1}]}""", "$.l[0].g")]
    [InlineData("""{"l":[{"f":"yes"}]}""", "$.l[0].f")]
    [InlineData("""{"l":[{"d":"1"}]}""", "$.l[0].d")]
    [InlineData("""{"extra":1}""", "$.extra")]
    [InlineData("""[]""", "$")]
    public void ADepartureIsReportedWhereItIs(string json, string where)
    {
        var problem = Assert.Single(Validate(json));

        Assert.StartsWith(where + ":", problem);
    }

    private static IReadOnlyList<string> Validate(string json) =>
        Contract.Validate(JsonDocument.Parse(json).RootElement, Contract.ResponseSchema("get", "/x"));
}
