using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TestDataAgent.Generators.Coherence;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Pipeline;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Validation;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Unit;

/// <summary>ValidateData for JSON Schema sources: the specification's semantics, reported in our shape, within bounded cost.</summary>
public sealed class JsonSchemaValidationTests
{
    internal const string Order = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "additionalProperties": false,
          "required": ["order_id", "kind", "contact"],
          "properties": {
            "order_id": { "type": "string", "pattern": "^ORD-\\d{4}$" },
            "kind": { "enum": ["retail", "wholesale"] },
            "contact": { "oneOf": [ { "type": "string", "format": "email" }, { "type": "object", "required": ["phone"] } ] },
            "payment": { "anyOf": [ { "$ref": "#/$defs/card" }, { "$ref": "#/$defs/invoice" } ] },
            "items": { "type": "array", "items": { "$ref": "#/$defs/line" } },
            "labels": { "type": "object", "patternProperties": { "^x-": { "type": "integer" } }, "additionalProperties": false },
            "website": { "type": "string", "format": "uri" },
            "tax_id": { "type": "string" }
          },
          "anyOf": [ { "required": ["order_id"] }, { "required": ["legacy_id"] } ],
          "if": { "properties": { "kind": { "const": "wholesale" } }, "required": ["kind"] },
          "then": { "required": ["tax_id"] },
          "$defs": {
            "card": { "type": "object", "required": ["card_last4"], "properties": { "card_last4": { "type": "string", "pattern": "^\\d{4}$" } } },
            "invoice": { "type": "object", "required": ["iban"] },
            "line": { "type": "object", "required": ["sku", "price"], "properties": { "sku": { "type": "string" }, "price": { "type": "number", "exclusiveMinimum": 0 } } }
          }
        }
        """;

    internal const string ValidOrder = """
        {"order_id":"ORD-1234","kind":"retail","contact":"ann@example.com","payment":{"card_last4":"1234"},
         "items":[{"sku":"A-1","price":2.5},{"sku":"B-2","price":10}],"labels":{"x-batch":7},"website":"https://example.com/o/1"}
        """;

    /// <summary>
    /// Each planted violation: how the valid order is changed, and the one violation (field, rule) it must yield. The
    /// root's anyOf always holds by its first alternative, so its second one's failure must never show.
    /// </summary>
    internal static readonly (string Change, string Field, string Rule)[] Planted =
    [
        ("\"contact\":{\"email\":\"ann@example.com\"}", "contact", "oneOf"),
        ("\"payment\":{\"note\":\"later\"}", "payment", "anyOf"),
        ("\"labels\":{\"x-batch\":\"seven\"}", "labels.x-batch", "type"),
        ("\"labels\":{\"batch\":7}", "labels.batch", "additionalProperties"),
        ("\"kind\":\"wholesale\"", "tax_id", "required"),
        ("\"website\":\"not a uri\"", "website", "format"),
        ("\"items\":[{\"sku\":\"A-1\",\"price\":2.5},{\"sku\":\"B-2\",\"price\":0}]", "items[1].price", "exclusiveMinimum"),
        ("\"order_id\":\"ORD-\u0661\u0662\u0663\u0664\"", "order_id", "pattern"),
        ("\"coupon\":\"SAVE10\"", "coupon", "additionalProperties"),
    ];

    [Fact]
    public void EveryPlantedViolationIsReportedAloneWithItsPathAndKeyword()
    {
        var records = Planted.Select(p => Change(ValidOrder, p.Change));

        var report = Check(Order, $"[{string.Join(",", records)}]");

        Assert.Equal(Planted.Length, report.InvalidCount);
        for (var i = 0; i < Planted.Length; i++)
        {
            var violation = Assert.Single(report.Violations, v => v.RecordIndex == i);
            Assert.Equal((Planted[i].Field, Planted[i].Rule), (violation.Field, violation.Rule));
        }
    }

    [Fact]
    public void AValidRecordReportsNothingAndTheGeneratorsOwnFieldsAreNotAdditionalProperties()
    {
        var record = ValidOrder.TrimEnd().TrimEnd('}') + ",\"_index\":0,\"_scenario\":\"default\"}";

        var report = Check(Order, $"[{record}]");

        Assert.True(report.Valid, string.Join("\n", report.Violations));
        Assert.Equal(1, report.RecordCount);
    }

    [Fact]
    public void AMissingRequiredPropertyIsReportedOnThatProperty()
    {
        var report = Check(Order, """[{"order_id":"ORD-0001","items":[{"price":1}]}]""");

        Assert.Equal(
            ["contact:required", "items[0].sku:required", "kind:required"],
            report.Violations.Select(v => $"{v.Field}:{v.Rule}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ADraftSevenSchemaIsReadByDraftSevenRules()
    {
        // Draft 7 ignores keywords beside $ref and has "dependencies"; 2020-12 would apply the minimum of 100.
        const string schema = """
            {"$schema":"http://json-schema.org/draft-07/schema#","type":"object","dependencies":{"a":["b"]},
             "properties":{"n":{"$ref":"#/definitions/count","minimum":100}},"definitions":{"count":{"type":"integer","minimum":0}}}
            """;

        var report = Check(schema, """[{"a":1,"n":5}]""");

        var violation = Assert.Single(report.Violations);
        Assert.Equal(("", "dependencies"), (violation.Field, violation.Rule));
    }

    [Fact]
    public void CsvCellsTakeTheTypeTheSchemaDeclares()
    {
        const string schema = """
            {"type":"object","properties":{"qty":{"type":"integer","minimum":1},"price":{"$ref":"#/$defs/money"},"paid":{"type":"boolean"}},
             "$defs":{"money":{"type":"number","exclusiveMinimum":0}}}
            """;

        var report = Check(schema, "qty,price,paid\n2,9.5,true\n0,1.25,false\n", DataFormat.Csv);

        var violation = Assert.Single(report.Violations);
        Assert.Equal((1L, "qty", "minimum"), (violation.RecordIndex, violation.Field, violation.Rule));
    }

    [Fact]
    public async Task APatternThatBacktracksCatastrophicallyRunsInLinearTime()
    {
        const string schema = """{"type":"object","properties":{"code":{"type":"string","pattern":"^(a+)+$"}}}""";
        var data = $$"""[{"code":"{{new string('a', 48)}}!"}]""";

        var report = await Task.Run(() => Check(schema, data)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(("code", "pattern"), (Assert.Single(report.Violations).Field, report.Violations[0].Rule));
    }

    [Fact]
    public async Task APatternThatNeedsBacktrackingStopsTheCallAtItsTimeLimitNamingTheSetting()
    {
        // The lookahead needs the backtracking engine; the nested quantifier then never finishes on this value.
        const string schema = """{"type":"object","properties":{"code":{"type":"string","pattern":"^(?=a)(a+)+$"}}}""";
        var data = $$"""[{"code":"{{new string('a', 48)}}!"}]""";

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => Task.Run(() => Check(schema, data)).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal("custom_schema", error.Field);
        Assert.Contains("Validation:JsonSchemaPatternTimeoutMilliseconds", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(@"^\d+$", "\u0661\u0662", false)]
    [InlineData(@"^[\d-]+$", "12-\u0663", false)]
    [InlineData(@"^\w+$", "caf\u00e9", false)]
    [InlineData(@"^abc$", "abc\n", false)]
    [InlineData(@"^a.c$", "a\rc", false)]
    [InlineData(@"^\d+$", "123", true)]
    [InlineData(@"^\\d$", "\\d", true)]
    [InlineData(@"^[$.]+$", "$.", true)]
    public void PatternsAreReadAsEcmaScriptReadsThem(string pattern, string text, bool matches)
    {
        Assert.Equal(matches, EcmaPattern.Create(pattern, TimeSpan.FromSeconds(1)).IsMatch(text));
    }

    [Fact]
    public void AReferenceChainDeeperThanTheLimitIsRefusedNamingTheSetting()
    {
        var error = Assert.Throws<InvalidRequestException>(() => Check(Chain(200), "[{}]"));

        Assert.Equal("custom_schema", error.Field);
        Assert.Contains("Validation:JsonSchemaMaxDepth", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASchemaWithMoreSubschemasThanTheLimitIsRefusedBeforeItIsBuilt()
    {
        var error = Assert.Throws<InvalidRequestException>(() => Check(Chain(5_000), "[{}]"));

        Assert.Contains("Validation:JsonSchemaMaxNodes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASchemaWithMoreRegularExpressionsThanTheLimitIsRefusedBeforeItIsBuilt()
    {
        var properties = string.Join(",", Enumerable.Range(0, 501).Select(i => $$"""
            "p{{i}}":{"type":"string","pattern":"^x{{i}}$"}
            """));

        var error = Assert.Throws<InvalidRequestException>(() => Check("""{"type":"object","properties":{""" + properties + "}}", "[{}]"));

        Assert.Contains("Validation:JsonSchemaMaxPatterns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefinitionsThatEachUseTheNextTwiceAreRefusedUpFront()
    {
        // 2^25 evaluations if it were run, 51 hops deep (within the depth limit).
        var definitions = string.Join(",", Enumerable.Range(0, 25).Select(i => $$"""
            "d{{i}}":{"allOf":[{"$ref":"#/$defs/d{{i + 1}}"},{"$ref":"#/$defs/d{{i + 1}}"}]}
            """));
        var schema = """{"$ref":"#/$defs/d0","$defs":{""" + definitions + ""","d25":{"type":"object"}}}""";

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => Task.Run(() => Check(schema, "[{}]")).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Contains("Validation:JsonSchemaMaxExpansion", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"allOf":[{"$ref":"#"}]}""")]
    [InlineData("""{"$ref":"#/$defs/a","$defs":{"a":{"anyOf":[{"$ref":"#/$defs/b"}]},"b":{"not":{"$ref":"#/$defs/a"}}}}""")]
    public void ASchemaThatAppliesItselfAgainToTheSameValueIsRefused(string schema)
    {
        var error = Assert.Throws<InvalidRequestException>(() => Check(schema, "[{}]"));

        Assert.Equal("custom_schema", error.Field);
        Assert.Contains("never end", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARecursiveSchemaThatDescendsIntoTheDataIsServed()
    {
        const string tree = """{"$ref":"#/$defs/node","$defs":{"node":{"type":"object","required":["v"],"properties":{"v":{"type":"integer"},"kids":{"type":"array","items":{"$ref":"#/$defs/node"}}}}}}""";

        var report = Check(tree, """[{"v":1,"kids":[{"v":2,"kids":[{"v":"three"}]}]}]""");

        Assert.Equal(("kids[0].kids[0].v", "type"), (Assert.Single(report.Violations).Field, report.Violations[0].Rule));
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"a":{"$ref":"https://example.com/elsewhere.json"}}}""")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"text"}}}""")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string","pattern":"[a-"}}}""")]
    [InlineData("""{"$schema":"https://example.com/my-dialect","type":"object"}""")]
    public void AnUnusableSchemaIsAnErrorNamingTheField(string schema)
    {
        var error = Assert.Throws<InvalidRequestException>(() => Check(schema, """[{"a":"x"}]"""));

        Assert.Equal("custom_schema", error.Field);
    }

    [Fact]
    public void ConstraintsAreCheckedOnASchemaTheGeneratorReadsAndRefusedOnOneItCannot()
    {
        using var services = TestRequests.DomainServices();
        var catalog = services.GetRequiredService<SchemaCatalog>();
        var constraints = new Dictionary<string, FieldConstraintInput> { ["items.price"] = new() { Min = 5 } };
        const string readable = """{"type":"object","properties":{"items":{"type":"array","items":{"type":"object","properties":{"price":{"type":"number"}}}}}}""";

        var report = catalog.Validate("""[{"items":[{"price":9},{"price":2}]}]""", DataFormat.Json, "", "", "", readable, [], "", constraints);
        var error = Assert.Throws<InvalidRequestException>(() => catalog.Validate("[{}]", DataFormat.Json, "", "", "", Order, [], "", constraints));

        Assert.Equal(("items[1].price", "min"), (Assert.Single(report.Violations).Field, report.Violations[0].Rule));
        Assert.Equal("constraints", error.Field);
    }

    internal static string Change(string record, string change)
    {
        var name = change[..(change.IndexOf(':', StringComparison.Ordinal) + 1)];
        var start = record.IndexOf(name, StringComparison.Ordinal);
        if (start < 0)
        {
            return record.TrimEnd().TrimEnd('}') + "," + change + "}";
        }

        // Replace the property's whole value: up to the comma or brace that closes it at depth 0.
        var (depth, end) = (0, start + name.Length);
        for (; end < record.Length; end++)
        {
            depth += record[end] switch { '{' or '[' => 1, '}' or ']' => -1, _ => 0 };
            if (depth < 0 || (depth == 0 && record[end] == ','))
            {
                break;
            }
        }

        return record[..start] + change + record[end..];
    }

    private static string Chain(int length)
    {
        var text = new StringBuilder("""{"$ref":"#/$defs/d0","$defs":{""");
        for (var i = 0; i < length; i++)
        {
            text.Append($$"""
                "d{{i}}":{"$ref":"#/$defs/d{{i + 1}}"},
                """);
        }

        return text.Append($"\"d{length}\":").Append("""{"type":"object"}}}""").ToString();
    }

    private static ValidationReport Check(string schema, string data, DataFormat format = DataFormat.Json) =>
        new DataValidationService(new RecordValidator(), new CoherenceScorer(), new JsonSchemaValidator(Options.Create(new ValidationOptions())))
            .Validate(data, format, new SchemaDocument("custom_schema", schema, SchemaDocumentFormat.JsonSchema), null, []);
}
