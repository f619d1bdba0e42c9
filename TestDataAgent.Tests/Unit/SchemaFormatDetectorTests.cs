using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Unit;

public sealed class SchemaFormatDetectorTests
{
    [Theory]
    [InlineData("""{"name":"x","fields":{"a":{"type":"string"}}}""", SchemaDocumentFormat.Own)]
    [InlineData("""{"fields":{"a":{"type":"string"}}}""", SchemaDocumentFormat.Own)]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}}}""", SchemaDocumentFormat.JsonSchema)]
    [InlineData("""{"properties":{"a":{"type":"string"}}}""", SchemaDocumentFormat.JsonSchema)]
    [InlineData("""{"$ref":"#/$defs/a","$defs":{"a":{"type":"object"}}}""", SchemaDocumentFormat.JsonSchema)]
    [InlineData("""{"allOf":[{"type":"object"}]}""", SchemaDocumentFormat.JsonSchema)]
    [InlineData("""{"$schema":"https://json-schema.org/draft/2020-12/schema","fields":{"a":{}}}""", SchemaDocumentFormat.JsonSchema)]
    public void TheFormatIsToldByTheRootKeywords(string json, SchemaDocumentFormat expected)
    {
        Assert.Equal(expected, SchemaFormatDetector.Detect(json));
    }

    [Theory]
    [InlineData("""{"name":"x","columns":{}}""")]
    [InlineData("{}")]
    [InlineData("""["type","object"]""")]
    public void ADocumentInNeitherFormatIsRefusedNamingBoth(string json)
    {
        var error = Assert.Throws<SchemaFormatException>(() => SchemaFormatDetector.Detect(json));

        Assert.Contains("\"fields\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"properties\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADocumentWithMarksOfBothFormatsIsRefusedAsAmbiguous()
    {
        var error = Assert.Throws<SchemaFormatException>(() => SchemaFormatDetector.Detect("""{"name":"x","fields":{"a":{}},"properties":{"a":{}}}"""));

        Assert.Contains("ambiguous", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EachSchemaFieldAcceptsEitherFormat()
    {
        const string own = """{"name":"widget","fields":{"colour":{"type":"enum","values":["red"],"required":true}}}""";
        const string jsonSchema = """{"type":"object","required":["colour"],"properties":{"colour":{"enum":["red"]}}}""";

        var fromInline = TestRequests.Validator().Validate(new GenerationRequestInput { Entity = "widget", InlineSchema = jsonSchema, Count = 1 }, RequestMode.Unary);
        var fromCustom = TestRequests.Validator().Validate(new GenerationRequestInput { Entity = "widget", CustomSchema = own, Count = 1 }, RequestMode.Unary);

        Assert.Equal(FieldKind.Enum, Assert.Single(fromInline.Schema.Fields).Kind);
        Assert.Equal(FieldKind.Enum, Assert.Single(fromCustom.Schema.Fields).Kind);
        Assert.Equal(("widget", "widget"), (fromInline.Entity, fromCustom.Entity));
    }
}
