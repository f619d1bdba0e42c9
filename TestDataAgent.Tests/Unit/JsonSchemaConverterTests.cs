using System.Text;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Validation;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Unit;

public sealed class JsonSchemaConverterTests
{
    private const string Shipment = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://example.com/shipment.schema.json",
          "$comment": "annotations like this one are ignored",
          "title": "Shipment Order",
          "description": "A parcel shipment booked by a customer",
          "x-domain": "logistics",
          "type": "object",
          "additionalProperties": false,
          "required": ["shipment_id", "reference", "status", "contact_email", "weight_kg", "recipient", "packages", "created_at"],
          "properties": {
            "shipment_id": { "type": "string", "format": "uuid", "readOnly": true },
            "reference": { "type": "string", "pattern": "^[A-Z]{3}-[0-9]{4}$", "title": "Booking reference", "examples": ["ABC-1234"] },
            "status": { "type": "string", "enum": ["booked", "in_transit", "delivered"], "default": "booked" },
            "priority": { "type": "integer", "minimum": 1, "maximum": 5, "default": 3 },
            "weight_kg": { "type": "number", "exclusiveMinimum": 0, "maximum": 1000 },
            "parcel_count": { "type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 50 },
            "contact_email": { "type": "string", "format": "email", "description": "Who hears about delays", "title": "Contact" },
            "ship_date": { "type": "string", "format": "date" },
            "created_at": { "type": "string", "format": "date-time" },
            "tracking_page": { "type": "string", "format": "uri" },
            "origin_ip": { "type": "string", "format": "ipv4", "deprecated": true },
            "notes": { "type": ["string", "null"], "minLength": 10, "maxLength": 200 },
            "fragile": { "type": "boolean", "default": false, "writeOnly": false },
            "carrier": { "type": "string", "minLength": 2, "maxLength": 40, "x-semantic": "company" },
            "recipient": {
              "type": "object",
              "required": ["name", "address"],
              "properties": {
                "name": { "type": "string", "minLength": 1, "maxLength": 80 },
                "address": { "$ref": "#/$defs/address", "description": "Where the parcel goes" }
              }
            },
            "packages": {
              "type": "array",
              "minItems": 1,
              "maxItems": 4,
              "uniqueItems": true,
              "items": {
                "type": "object",
                "required": ["sku", "quantity"],
                "properties": {
                  "sku": { "type": "string", "minLength": 8, "maxLength": 8 },
                  "quantity": { "type": "integer", "minimum": 1, "maximum": 10 },
                  "size": { "type": "string", "enum": ["S", "M", "L"] }
                }
              }
            },
            "tags": {
              "type": "array",
              "minItems": 1,
              "maxItems": 4,
              "uniqueItems": true,
              "items": { "type": "string", "enum": ["gift", "express", "bulky", "return"] }
            }
          },
          "$defs": {
            "address": {
              "type": "object",
              "description": "A postal address",
              "required": ["street", "city", "zip"],
              "properties": {
                "street": { "type": "string" },
                "city": { "type": "string" },
                "zip": { "type": "string", "minLength": 5, "maxLength": 10 },
                "country": { "type": "string", "const": "DE" }
              }
            }
          }
        }
        """;

    [Fact]
    public void TheSchemaTakesItsNameDomainAndDescriptionFromTheRoot()
    {
        var schema = JsonSchemaConverter.Convert(Shipment, "");

        Assert.Equal("shipment_order", schema.Name);
        Assert.Equal("logistics", schema.Domain);
        Assert.Equal("A parcel shipment booked by a customer", schema.Description);
        Assert.Equal("parcel", JsonSchemaConverter.Convert(Shipment, "parcel").Name);
    }

    [Fact]
    public void AnUntitledSchemaIsNamedCustomInTheCustomDomain()
    {
        var schema = JsonSchemaConverter.Convert("""{"type":"object","properties":{"id":{"type":"string"}}}""", "");

        Assert.Equal("custom", schema.Name);
        Assert.Equal("custom", schema.Domain);
    }

    [Fact]
    public void PropertiesKeepTheirOrderAndRequiredFlags()
    {
        var schema = JsonSchemaConverter.Convert(Shipment, "");

        Assert.Equal(
            ["shipment_id", "reference", "status", "priority", "weight_kg", "parcel_count", "contact_email", "ship_date", "created_at", "tracking_page", "origin_ip", "notes", "fragile", "carrier", "recipient", "packages", "tags"],
            schema.Fields.Select(f => f.Name));
        Assert.Equal(
            ["shipment_id", "reference", "status", "weight_kg", "contact_email", "created_at", "recipient", "packages"],
            schema.Fields.Where(f => f.Required).Select(f => f.Name));
    }

    [Fact]
    public void ScalarKeywordsMapOntoFieldDefinitions()
    {
        var schema = JsonSchemaConverter.Convert(Shipment, "");

        Assert.Equal(FieldKind.Uuid, Find(schema, "shipment_id").Kind);

        var reference = Find(schema, "reference");
        Assert.Equal((FieldKind.String, "^[A-Z]{3}-[0-9]{4}$", "Booking reference"), (reference.Kind, reference.Pattern, reference.Description));

        var status = Find(schema, "status");
        Assert.Equal(FieldKind.Enum, status.Kind);
        Assert.Equal(["booked", "in_transit", "delivered"], status.Values);
        Assert.Equal("booked", status.Default);

        var priority = Find(schema, "priority");
        Assert.Equal((FieldKind.Integer, 1d, 5d, (object)3L), (priority.Kind, priority.Min, priority.Max, priority.Default!));

        var weight = Find(schema, "weight_kg");
        Assert.Equal((FieldKind.Float, 0.01, 1000d), (weight.Kind, weight.Min, weight.Max));

        var parcels = Find(schema, "parcel_count");
        Assert.Equal((FieldKind.Integer, 1d, 49d), (parcels.Kind, parcels.Min, parcels.Max));

        var email = Find(schema, "contact_email");
        Assert.Equal((FieldKind.Email, "Who hears about delays"), (email.Kind, email.Description));

        Assert.Equal(FieldKind.Date, Find(schema, "ship_date").Kind);
        Assert.Equal(FieldKind.DateTime, Find(schema, "created_at").Kind);
        Assert.Equal((FieldKind.String, "uri"), (Find(schema, "tracking_page").Kind, Find(schema, "tracking_page").Format));
        Assert.Equal((FieldKind.String, "ipv4"), (Find(schema, "origin_ip").Kind, Find(schema, "origin_ip").Format));

        var notes = Find(schema, "notes");
        Assert.Equal((FieldKind.String, 10, 200), (notes.Kind, notes.MinLength!.Value, notes.MaxLength!.Value));

        var fragile = Find(schema, "fragile");
        Assert.Equal((FieldKind.Boolean, (object)false), (fragile.Kind, fragile.Default!));

        Assert.Equal("company", Find(schema, "carrier").Semantic);
    }

    [Fact]
    public void NestedObjectsReferencesAndArraysKeepTheirPaths()
    {
        var schema = JsonSchemaConverter.Convert(Shipment, "");

        var address = Find(schema, "recipient.address");
        Assert.Equal((FieldKind.Object, true, "Where the parcel goes"), (address.Kind, address.Required, address.Description));
        Assert.Equal(["street", "city", "zip", "country"], address.Fields.Select(f => f.Name));

        var zip = Find(schema, "recipient.address.zip");
        Assert.Equal((5, 10, true), (zip.MinLength!.Value, zip.MaxLength!.Value, zip.Required));

        var country = Find(schema, "recipient.address.country");
        Assert.Equal(FieldKind.Enum, country.Kind);
        Assert.Equal(["DE"], country.Values);

        var packages = Find(schema, "packages");
        Assert.Equal((FieldKind.Array, 1, 4, true), (packages.Kind, packages.MinItems!.Value, packages.MaxItems!.Value, packages.UniqueItems));
        Assert.Equal(("item", "packages[]", FieldKind.Object), (packages.Items!.Name, packages.Items.Path, packages.Items.Kind));

        var quantity = Find(schema, "packages[].quantity");
        Assert.Equal((1d, 10d, true), (quantity.Min, quantity.Max, quantity.Required));
        Assert.Equal(["S", "M", "L"], Find(schema, "packages[].size").Values);
    }

    [Fact]
    public void NumericEnumsKeepTheirKindAndListTheirValues()
    {
        var schema = JsonSchemaConverter.Convert("""
            {"type":"object","properties":{
              "level":{"type":"integer","enum":[1,2,3]},
              "ratio":{"enum":[0.5,1.25]},
              "answer":{"type":"number","const":42},
              "flag":{"const":true},
              "off":{"type":"boolean","enum":[false]}
            }}
            """, "");

        var level = Find(schema, "level");
        Assert.Equal((FieldKind.Integer, 1d, 3d), (level.Kind, level.Min, level.Max));
        Assert.Equal(["1", "2", "3"], level.Values);

        var ratio = Find(schema, "ratio");
        Assert.Equal(FieldKind.Float, ratio.Kind);
        Assert.Equal(["0.5", "1.25"], ratio.Values);

        var answer = Find(schema, "answer");
        Assert.Equal((42d, 42d), (answer.Min, answer.Max));

        Assert.Equal((FieldKind.Boolean, 1d), (Find(schema, "flag").Kind, Find(schema, "flag").TrueProbability));
        Assert.Equal(0d, Find(schema, "off").TrueProbability);
    }

    [Fact]
    public void LegacyDefinitionsRootReferencesAndRepeatedReferencesResolve()
    {
        var schema = JsonSchemaConverter.Convert("""
            {
              "$ref": "#/definitions/person",
              "definitions": {
                "person": {"type":"object","properties":{"home":{"$ref":"#/definitions/place"},"work":{"$ref":"#/definitions/place"}}},
                "place": {"type":"object","properties":{"city":{"type":"string"},"unknown_format":{"type":"string","format":"hostname"}}}
              }
            }
            """, "person");

        Assert.Equal("city", Find(schema, "work.city").Name);
        Assert.Equal("home.city", Find(schema, "home.city").Path);
        Assert.Equal((FieldKind.String, "hostname"), (Find(schema, "home.unknown_format").Kind, Find(schema, "home.unknown_format").Format));
    }

    [Fact]
    public void EveryGeneratedRecordIsValidForTheConvertedSchema()
    {
        var converted = JsonSchemaConverter.Convert(Shipment, "");
        // Patterns are left out: the traditional generator does not produce regex matches yet.
        var schema = converted with { Fields = [.. converted.Fields.Select(f => f with { Pattern = null })] };
        var records = Generate(schema, 1000);
        var validator = new RecordValidator();

        var violations = records.SelectMany((r, i) => validator.Validate(r, schema, i)).ToList();

        Assert.Equal(1000, records.Count);
        Assert.True(violations.Count == 0, string.Join("\n", violations.Take(10)));
    }

    [Fact]
    public void UniqueArraysNeverRepeatAnItemEvenWithFewValuesToChooseFrom()
    {
        var schema = JsonSchemaConverter.Convert("""
            {"type":"object","required":["sizes"],"properties":{
              "sizes":{"type":"array","minItems":2,"maxItems":3,"uniqueItems":true,"items":{"enum":["S","M","L"]}}
            }}
            """, "");

        var arrays = Generate(schema, 500).Select(r => (List<object?>)r["sizes"]!).ToList();

        Assert.All(arrays, a => Assert.Equal(a.Count, a.Distinct().Count()));
        Assert.All(arrays, a => Assert.InRange(a.Count, 2, 3));
    }

    [Fact]
    public void TheValidatorReportsARepeatedItemInAUniqueArray()
    {
        var schema = JsonSchemaConverter.Convert("""{"type":"object","properties":{"tags":{"type":"array","uniqueItems":true,"items":{"type":"string"}}}}""", "");
        var record = new DataRecord { ["tags"] = new List<object?> { "a", "b", "a" } };

        var violation = Assert.Single(new RecordValidator().Validate(record, schema, 0));

        Assert.Equal(("tags[2]", "unique_items"), (violation.Field, violation.Rule));
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}}""", "")]
    [InlineData("""[{"type":"object"}]""", "")]
    [InlineData("""{"type":"string"}""", "type")]
    [InlineData("""{"type":"object"}""", "properties")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"text"}}}""", "properties.a.type")]
    [InlineData("""{"type":"object","properties":{"a":{"type":["null"]}}}""", "properties.a.type")]
    [InlineData("""{"type":"object","properties":{"a":{"type":["string","integer"]}}}""", "properties.a.type")]
    [InlineData("""{"type":"object","properties":{"a":true}}""", "properties.a")]
    [InlineData("""{"type":"object","required":["a","b"],"properties":{"a":{"type":"string"}}}""", "required[1]")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"integer","exclusiveMinimum":5,"exclusiveMaximum":6}}}""", "properties.a.exclusiveMaximum")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"number","minimum":10,"maximum":5}}}""", "properties.a.maximum")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"number","exclusiveMinimum":true}}}""", "properties.a.exclusiveMinimum")]
    [InlineData("""{"type":"object","properties":{"address":{"type":"object","properties":{"zip":{"type":"string","minLength":6,"maxLength":5}}}}}""", "properties.address.properties.zip.maxLength")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string","minLength":2.5}}}""", "properties.a.minLength")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string","maxLength":-1}}}""", "properties.a.maxLength")]
    [InlineData("""{"type":"object","properties":{"tags":{"type":"array","minItems":3,"maxItems":2}}}""", "properties.tags.maxItems")]
    [InlineData("""{"type":"object","properties":{"tags":{"type":"array","minItems":"1"}}}""", "properties.tags.minItems")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string","pattern":"[a-"}}}""", "properties.a.pattern")]
    [InlineData("""{"type":"object","properties":{"a":{"$ref":"#/properties/b"},"b":{"type":"string"}}}""", "properties.a.$ref")]
    [InlineData("""{"type":"object","properties":{"a":{"$ref":"other.json#/$defs/b"}}}""", "properties.a.$ref")]
    [InlineData("""{"type":"object","properties":{"a":{"$ref":"#/$defs/missing"}},"$defs":{}}""", "properties.a.$ref")]
    [InlineData("""{"type":"object","properties":{"a":{"$ref":"#/$defs/b","type":"integer"}},"$defs":{"b":{"type":"string"}}}""", "properties.a.type")]
    [InlineData("""{"type":"object","properties":{"a":{"enum":["x",1]}}}""", "properties.a.enum[1]")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"integer","enum":[1,"two"]}}}""", "properties.a.enum[1]")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"integer","enum":[1.5]}}}""", "properties.a.enum[0]")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string","enum":["x",null]}}}""", "properties.a.enum[1]")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string","enum":[]}}}""", "properties.a.enum")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"boolean","const":"yes"}}}""", "properties.a.const")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"array","minItems":4,"uniqueItems":true,"items":{"enum":["x","y","z"]}}}}""", "properties.a.minItems")]
    public void AMalformedSchemaIsRefusedWithItsLocation(string json, string path)
    {
        var error = Assert.Throws<SchemaFormatException>(() => JsonSchemaConverter.Convert(json, ""));

        Assert.Equal(path, error.Path);
        Assert.NotEmpty(error.Message);
    }

    [Theory]
    [InlineData("oneOf", """[{"type":"string"},{"type":"integer"}]""")]
    [InlineData("anyOf", """[{"type":"string"}]""")]
    [InlineData("allOf", """[{"minLength":1}]""")]
    [InlineData("not", """{"type":"integer"}""")]
    [InlineData("if", """{"minLength":3}""")]
    [InlineData("then", """{"maxLength":5}""")]
    [InlineData("else", """{"maxLength":9}""")]
    [InlineData("patternProperties", """{"^x-":{"type":"string"}}""")]
    [InlineData("dependentRequired", """{"a":["b"]}""")]
    [InlineData("multipleOf", "5")]
    [InlineData("contains", """{"type":"string"}""")]
    [InlineData("prefixItems", """[{"type":"string"}]""")]
    public void AKeywordThatChangesValidityButCannotBeHonouredIsRefusedByName(string keyword, string value)
    {
        var json = """{"type":"object","properties":{"list":{"type":"array","items":{"type":"object","properties":{"v":{""" + $"\"{keyword}\":{value}" + "}}}}}}";

        var error = Assert.Throws<SchemaFormatException>(() => JsonSchemaConverter.Convert(json, ""));

        Assert.Equal($"properties.list.items.properties.v.{keyword}", error.Path);
        Assert.Contains("not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACyclicReferenceIsAnErrorNamingWhereTheCycleCloses()
    {
        var json = """
            {"type":"object","properties":{"head":{"$ref":"#/$defs/node"}},
             "$defs":{"node":{"type":"object","properties":{"value":{"type":"integer"},"next":{"$ref":"#/$defs/node"}}}}}
            """;

        var error = Assert.Throws<SchemaFormatException>(() => JsonSchemaConverter.Convert(json, ""));

        Assert.Equal("$defs.node.properties.next.$ref", error.Path);
    }

    [Fact]
    public void ADefinitionThatRefersOnlyToItselfIsAnError()
    {
        var json = """{"type":"object","properties":{"a":{"$ref":"#/$defs/loop"}},"$defs":{"loop":{"$ref":"#/$defs/loop"}}}""";

        Assert.Equal("$defs.loop.$ref", Assert.Throws<SchemaFormatException>(() => JsonSchemaConverter.Convert(json, "")).Path);
    }

    [Fact]
    public void NestingDeeperThanTheLimitIsRefused()
    {
        var inner = """{"type":"string"}""";
        for (var level = 0; level < JsonSchemaConverter.MaxDepth; level++)
        {
            inner = $$$"""{"type":"object","properties":{"n":{{{inner}}}}}""";
        }

        var withinLimit = JsonSchemaConverter.Convert(inner, "");
        var error = Assert.Throws<SchemaFormatException>(() => JsonSchemaConverter.Convert($$$"""{"type":"object","properties":{"n":{{{inner}}}}}""", ""));

        Assert.Equal(JsonSchemaConverter.MaxDepth, CountLevels(withinLimit.Fields[0]));
        Assert.Equal(string.Join(".", Enumerable.Repeat("properties.n", JsonSchemaConverter.MaxDepth + 1)), error.Path);
    }

    [Fact]
    public void MoreThanFiveHundredPropertiesAreRefused()
    {
        var properties = string.Join(",", Enumerable.Range(0, JsonSchemaConverter.MaxProperties + 1).Select(i => $$"""
            "p{{i}}":{"type":"string"}
            """));

        var error = Assert.Throws<SchemaFormatException>(() => JsonSchemaConverter.Convert($$$"""{"type":"object","properties":{{{{properties}}}}}""", ""));

        Assert.Equal($"properties.p{JsonSchemaConverter.MaxProperties}", error.Path);
    }

    [Fact]
    public void ADocumentLargerThanOneMebibyteIsRefused()
    {
        var padding = new StringBuilder().Append(' ', JsonSchemaConverter.MaxDocumentBytes).ToString();

        var error = Assert.Throws<SchemaFormatException>(() => JsonSchemaConverter.Convert("""{"type":"object",""" + padding + "\"properties\":{\"a\":{\"type\":\"string\"}}}", ""));

        Assert.Equal("", error.Path);
    }

    private static FieldDefinition Find(EntitySchema schema, string path) => Flatten(schema.Fields).Single(f => f.Path == path);

    private static IEnumerable<FieldDefinition> Flatten(IEnumerable<FieldDefinition> fields) =>
        fields.SelectMany(f => new[] { f }.Concat(Flatten(f.Fields)).Concat(f.Items is { } items ? Flatten(items.Fields) : []));

    private static int CountLevels(FieldDefinition field) => field.Fields.Count == 0 ? 1 : 1 + CountLevels(field.Fields[0]);

    private static List<DataRecord> Generate(EntitySchema schema, int count) => TestRequests.Generate(new GenerationRequest
    {
        Schema = schema,
        Count = count,
        Scenarios = [new ScenarioPlan("default", count, "", new Dictionary<string, object?>())],
        Seed = 1,
        ReferenceTime = TestRequests.ReferenceTime,
    });
}
