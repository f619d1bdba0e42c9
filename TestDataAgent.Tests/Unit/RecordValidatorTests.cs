using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Tests.Unit;

/// <summary>
/// The validator judged on its own: one schema with every kind of rule, one record that keeps them all, and for every
/// rule a copy of that record broken in that one place, which must be reported with its path and rule and nothing else.
/// </summary>
public sealed class RecordValidatorTests
{
    private static readonly EntitySchema s_schema = Schema();

    private readonly RecordValidator _validator = new();

    public static TheoryData<string, string, string> Plantings() => new()
    {
        { "remove code", "code", "required" },
        { "code is a number", "code", "type" },
        { "code too short", "code", "min_length" },
        { "label too long", "label", "max_length" },
        { "ref off its pattern", "ref", "regex" },
        { "qty is a string", "qty", "type" },
        { "qty is a fraction", "qty", "type" },
        { "qty below min", "qty", "min" },
        { "qty above max", "qty", "max" },
        { "size not an allowed number", "size", "enum" },
        { "price is a string", "price", "type" },
        { "price below min", "price", "min" },
        { "price above max", "price", "max" },
        { "active is a string", "active", "type" },
        { "tier not listed", "tier", "enum" },
        { "tier is a number", "tier", "enum" },
        { "born not a date", "born", "format" },
        { "born a date-time", "born", "format" },
        { "seen_at not a date-time", "seen_at", "format" },
        { "email without @", "email", "format" },
        { "uid not a uuid", "uid", "format" },
        { "site not a uri", "site", "format" },
        { "ip out of range", "ip", "format" },
        { "ip too short", "ip", "format" },
        { "day not a calendar day", "day", "format" },
        { "stamp not a date-time", "stamp", "format" },
        { "address is a string", "address", "type" },
        { "address without city", "address.city", "required" },
        { "address zip off its pattern", "address.zip", "regex" },
        { "tags is a string", "tags", "type" },
        { "tags empty", "tags", "min_items" },
        { "tags too many", "tags", "max_items" },
        { "tags repeated", "tags[1]", "unique_items" },
        { "tag too long", "tags[0]", "max_length" },
        { "tag null", "tags[0]", "required" },
        { "line without sku", "lines[0].sku", "required" },
    };

    [Fact]
    public void TheRecordThatKeepsEveryRuleIsValid()
    {
        Assert.Empty(_validator.Validate(Valid(), s_schema, 0));
    }

    [Theory]
    [MemberData(nameof(Plantings))]
    public void EachBrokenRuleIsReportedWithItsPathAndNothingElse(string planting, string field, string rule)
    {
        var record = Valid();
        Plant(planting, record);

        var violation = Assert.Single(_validator.Validate(record, s_schema, 17));

        Assert.Equal((17L, field, rule), (violation.RecordIndex, violation.Field, violation.Rule));
        Assert.Contains(field, violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryRuleTheWireContractNamesIsPlanted()
    {
        // The rules Violation.rule documents in the proto, except coherence (CoherenceScorerTests).
        string[] rules = ["required", "type", "min", "max", "enum", "regex", "format", "min_length", "max_length", "min_items", "max_items", "unique_items"];

        Assert.Equal(rules.Order(), Plantings().Select(row => (string)row[2]).Distinct().Order());
    }

    [Fact]
    public void EveryViolationInARecordIsReportedNotOnlyTheFirst()
    {
        var record = Valid();
        Plant("qty above max", record);
        Plant("tier not listed", record);
        Plant("address without city", record);

        Assert.Equal(["qty", "tier", "address.city"], _validator.Validate(record, s_schema, 0).Select(v => v.Field));
    }

    [Fact]
    public void ArraysAtTheirItemBoundsAndIntsAsIntegersAreValid()
    {
        var one = Valid();
        ((List<object?>)one["tags"]!).RemoveAt(1);
        one["qty"] = 3;
        var three = Valid();
        ((List<object?>)three["tags"]!).Add("green");

        Assert.Empty(_validator.Validate(one, s_schema, 0));
        Assert.Empty(_validator.Validate(three, s_schema, 0));
    }

    [Fact]
    public void ANumberWrittenAsTextIsNotAFloat()
    {
        var record = Valid();
        record["price"] = "5";

        var violation = Assert.Single(_validator.Validate(record, s_schema, 0));

        Assert.Equal(("price", "type"), (violation.Field, violation.Rule));
    }

    [Fact]
    public void EachRepeatedItemIsReportedAtItsOwnIndex()
    {
        var record = Valid();
        ((List<object?>)record["tags"]!).Add("red");
        ((List<object?>)record["tags"]!).RemoveAt(1);
        ((List<object?>)record["tags"]!).Add("red");

        Assert.Equal(["tags[1]", "tags[2]"], _validator.Validate(record, s_schema, 0).Select(v => v.Field));
    }

    public static TheoryData<string> KeyLayouts() => ["schema's own names in order", "schema's own names reversed", "extra keys between", "fresh name strings"];

    // The validator looks at a record's next entry first when its key is the schema's own name string (a generated
    // record), and by name otherwise: however the keys are laid out, the same violations come out.
    [Theory]
    [MemberData(nameof(KeyLayouts))]
    public void EveryBrokenRuleIsFoundWhateverTheOrderAndInstancesOfTheKeys(string layout)
    {
        foreach (var row in Plantings())
        {
            var record = Valid();
            Plant((string)row[0], record);
            var expected = _validator.Validate(record, s_schema, 5).Select(v => (v.Field, v.Rule)).ToList();

            var actual = _validator.Validate(Rekeyed(record, s_schema.Fields, layout), s_schema, 5).Select(v => (v.Field, v.Rule)).ToList();

            Assert.True(expected.SequenceEqual(actual), $"{row[0]} with {layout}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
            Assert.Equal([((string)row[1], (string)row[2])], actual);
        }

        Assert.Empty(_validator.Validate(Rekeyed(Valid(), s_schema.Fields, layout), s_schema, 5));
    }

    private static DataRecord Rekeyed(DataRecord record, IReadOnlyList<FieldDefinition> fields, string layout)
    {
        var entries = record.Select(entry =>
        {
            var field = fields.FirstOrDefault(f => f.Name == entry.Key);
            var key = layout == "fresh name strings" ? new string(entry.Key.AsSpan()) : field?.Name ?? entry.Key;
            var value = entry.Value switch
            {
                DataRecord nested when field is not null => Rekeyed(nested, field.Fields, layout),
                List<object?> list when field?.Items is { } items => (object)list.Select(item => item is DataRecord element ? Rekeyed(element, items.Fields, layout) : item).ToList(),
                var other => other,
            };
            return (Key: key, Value: value);
        }).ToList();
        if (layout == "schema's own names reversed")
        {
            entries.Reverse();
        }

        var rekeyed = new DataRecord();
        foreach (var (key, value) in entries)
        {
            if (layout == "extra keys between")
            {
                rekeyed["_extra_" + key] = "x";
            }

            rekeyed[key] = value;
        }

        return rekeyed;
    }

    private static void Plant(string planting, DataRecord record)
    {
        var address = (DataRecord)record["address"]!;
        var tags = (List<object?>)record["tags"]!;
        var line = (DataRecord)((List<object?>)record["lines"]!)[0]!;
        Action change = planting switch
        {
            "remove code" => () => record.Remove("code"),
            "code is a number" => () => record["code"] = 1234L,
            "code too short" => () => record["code"] = "ab",
            "label too long" => () => record["label"] = "abcdef",
            "ref off its pattern" => () => record["ref"] = "REF-12a",
            "qty is a string" => () => record["qty"] = "3",
            "qty is a fraction" => () => record["qty"] = 3.5m,
            "qty below min" => () => record["qty"] = 0L,
            "qty above max" => () => record["qty"] = 11L,
            "size not an allowed number" => () => record["size"] = 3L,
            "price is a string" => () => record["price"] = "cheap",
            "price below min" => () => record["price"] = 0.49m,
            "price above max" => () => record["price"] = 100.01m,
            "active is a string" => () => record["active"] = "yes",
            "tier not listed" => () => record["tier"] = "bronze",
            "tier is a number" => () => record["tier"] = 1L,
            "born not a date" => () => record["born"] = "2024-13-01",
            "born a date-time" => () => record["born"] = "2024-01-01T10:00:00Z",
            "seen_at not a date-time" => () => record["seen_at"] = "yesterday",
            "email without @" => () => record["email"] = "someone.example.com",
            "uid not a uuid" => () => record["uid"] = "1234-5678",
            "site not a uri" => () => record["site"] = "not a uri",
            "ip out of range" => () => record["ip"] = "300.1.1.1",
            "ip too short" => () => record["ip"] = "10.1.1",
            "day not a calendar day" => () => record["day"] = "2023-02-29",
            "stamp not a date-time" => () => record["stamp"] = "soon",
            "address is a string" => () => record["address"] = "1 Main St",
            "address without city" => () => address.Remove("city"),
            "address zip off its pattern" => () => address["zip"] = "ABCDE",
            "tags is a string" => () => record["tags"] = "red,blue",
            "tags empty" => () => tags.Clear(),
            "tags too many" => () => tags.AddRange(["c", "d"]),
            "tags repeated" => () => tags[1] = tags[0],
            "tag too long" => () => tags[0] = "crimson",
            "tag null" => () => tags[0] = null,
            "line without sku" => () => line.Remove("sku"),
            _ => throw new ArgumentException(planting, nameof(planting)),
        };
        change();
    }

    private static DataRecord Valid() => new()
    {
        ["code"] = "abc",
        ["label"] = "short",
        ["ref"] = "REF-123",
        ["qty"] = 3L,
        ["size"] = 4L,
        ["price"] = 0.5m,
        ["active"] = true,
        ["tier"] = "gold",
        ["born"] = "2024-02-29",
        ["seen_at"] = "2026-01-31T12:00:00Z",
        ["email"] = "someone@example.com",
        ["uid"] = "6f9619ff-8b86-d011-b42d-00c04fc964ff",
        ["site"] = "https://example.com/x",
        ["ip"] = "10.1.1.1",
        ["day"] = "2024-02-29",
        ["stamp"] = "2026-01-31T12:00:00+02:00",
        ["address"] = new DataRecord { ["city"] = "Springfield", ["zip"] = "97477" },
        ["tags"] = new List<object?> { "red", "blue" },
        ["lines"] = new List<object?> { new DataRecord { ["sku"] = "SKU-1" } },
    };

    private static EntitySchema Schema()
    {
        var schema = SchemaParser.Parse("""
            {
              "name": "every_rule",
              "fields": {
                "code": { "type": "string", "required": true, "min_length": 3 },
                "label": { "type": "string", "max_length": 5 },
                "ref": { "type": "string", "pattern": "REF-[0-9]+" },
                "qty": { "type": "integer", "min": 1, "max": 10 },
                "size": { "type": "integer", "values": ["1", "2", "4"] },
                "price": { "type": "float", "min": 0.5, "max": 100 },
                "active": { "type": "boolean" },
                "tier": { "type": "enum", "values": ["gold", "silver"] },
                "born": { "type": "date" },
                "seen_at": { "type": "datetime" },
                "email": { "type": "email" },
                "uid": { "type": "uuid" },
                "site": { "type": "string", "format": "uri" },
                "ip": { "type": "string", "format": "ipv4" },
                "day": { "type": "string", "format": "date" },
                "stamp": { "type": "string", "format": "date-time" },
                "address": { "type": "object", "fields": { "city": { "type": "string", "required": true }, "zip": { "type": "string", "pattern": "[0-9]{5}" } } },
                "tags": { "type": "array", "min_items": 1, "max_items": 3, "item_schema": { "type": "string", "max_length": 5 } },
                "lines": { "type": "array", "item_schema": { "type": "object", "fields": { "sku": { "type": "string", "required": true } } } }
              }
            }
            """);
        // unique_items comes from JSON Schema's uniqueItems (the registry format has no key for it).
        return schema with { Fields = [.. schema.Fields.Select(f => f.Name == "tags" ? f with { UniqueItems = true } : f)] };
    }
}
