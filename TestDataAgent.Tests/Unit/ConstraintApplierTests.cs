using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Tests.Unit;

/// <summary>The schema a request's constraints make, read field by field, and every refusal with the field and rule it names.</summary>
public sealed class ConstraintApplierTests
{
    private static readonly EntitySchema s_schema = new()
    {
        Name = "thing",
        Fields =
        [
            new() { Name = "qty", Path = "qty", Kind = FieldKind.Integer, Min = 0, Max = 100, Semantic = "quantity", Weights = [1, 2] },
            new() { Name = "price", Path = "price", Kind = FieldKind.Float, Min = 1, Max = 500 },
            new() { Name = "title", Path = "title", Kind = FieldKind.String, MinLength = 1, MaxLength = 50, Required = true },
            new() { Name = "note", Path = "note", Kind = FieldKind.String },
            new() { Name = "code", Path = "code", Kind = FieldKind.String, Semantic = "sku", Choices = ["c1", "c2"] },
            new() { Name = "status", Path = "status", Kind = FieldKind.Enum, Values = ["a", "b", "c"], Weights = [1, 1, 1] },
            new() { Name = "active", Path = "active", Kind = FieldKind.Boolean },
            new() { Name = "created", Path = "created", Kind = FieldKind.DateTime },
            new() { Name = "contact", Path = "contact", Kind = FieldKind.Phone, Semantic = "phone", Choices = ["x"], Format = "phone" },
            new() { Name = "tags", Path = "tags", Kind = FieldKind.Array, MinItems = 1, MaxItems = 5, Items = new() { Name = "tags[]", Path = "tags[]", Kind = FieldKind.String } },
            new() { Name = "bag", Path = "bag", Kind = FieldKind.Array, Items = new() { Name = "bag[]", Path = "bag[]", Kind = FieldKind.String } },
            new() { Name = "address", Path = "address", Kind = FieldKind.Object, Fields = [new() { Name = "city", Path = "address.city", Kind = FieldKind.String }] },
            new()
            {
                Name = "lines", Path = "lines", Kind = FieldKind.Array,
                Items = new() { Name = "lines[]", Path = "lines[]", Kind = FieldKind.Object, Fields = [new() { Name = "sku", Path = "lines[].sku", Kind = FieldKind.String }] },
            },
        ],
    };

    private static FieldDefinition Constrained(string key, FieldConstraintInput constraint, List<string>? warnings = null)
    {
        var schema = ConstraintApplier.Apply(s_schema, new Dictionary<string, FieldConstraintInput> { [key] = constraint }, warnings);
        return key switch
        {
            "address.city" => schema.FindField("address")!.Fields.Single(),
            "lines.sku" => schema.FindField("lines")!.Items!.Fields.Single(),
            _ => schema.FindField(key)!,
        };
    }

    private static InvalidRequestException Refused(string key, FieldConstraintInput constraint) =>
        Assert.Throws<InvalidRequestException>(() => ConstraintApplier.Apply(s_schema, new Dictionary<string, FieldConstraintInput> { [key] = constraint }));

    private static void AssertRefused(string key, FieldConstraintInput constraint, string rule, params string[] named)
    {
        var error = Refused(key, constraint);
        Assert.Equal($"constraints.field_constraints[{key}].{rule}", error.Field);
        Assert.StartsWith($"constraints.field_constraints[{key}]: ", error.Message, StringComparison.Ordinal);
        Assert.All(named, n => Assert.Contains(n, error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void NoConstraintsLeaveTheSchemaAsItIs()
    {
        Assert.Same(s_schema, ConstraintApplier.Apply(s_schema, new Dictionary<string, FieldConstraintInput>()));
    }

    [Fact]
    public void ConstraintsChangeOnlyTheirOwnFieldsAndKeepTheOrder()
    {
        var schema = ConstraintApplier.Apply(s_schema, new Dictionary<string, FieldConstraintInput> { ["price"] = new() { Max = 9 } });

        Assert.Equal(s_schema.Fields.Select(f => f.Name), schema.Fields.Select(f => f.Name));
        Assert.Equal(9.0, schema.FindField("price")!.Max);
        Assert.Equal(s_schema.Fields.Where(f => f.Name != "price"), schema.Fields.Where(f => f.Name != "price"), FieldEquality.Instance);
    }

    [Fact]
    public void ABoundReplacesTheSchemasAndTheMeaningAndWeightsGo()
    {
        var both = Constrained("qty", new() { Min = 5, Max = 7 });
        var onlyMin = Constrained("qty", new() { Min = 5 });
        var onlyMax = Constrained("price", new() { Max = 9 });

        Assert.Equal((5.0, 7.0), (both.Min!.Value, both.Max!.Value));
        Assert.Null(both.Semantic);
        Assert.Empty(both.Weights);
        Assert.Equal((5.0, 100.0), (onlyMin.Min!.Value, onlyMin.Max!.Value));
        Assert.Equal((1.0, 9.0), (onlyMax.Min!.Value, onlyMax.Max!.Value));
    }

    [Fact]
    public void EqualBoundsAndAnIntegerRangeHoldingOneIntegerAreAccepted()
    {
        Assert.Equal(7.0, Constrained("qty", new() { Min = 7, Max = 7 }).Max);
        Assert.Equal(2.0, Constrained("qty", new() { Min = 1.5, Max = 2 }).Max);
        Assert.Equal(1.8, Constrained("price", new() { Min = 1.2, Max = 1.8 }).Max);
    }

    [Fact]
    public void ContradictoryBoundsAreRefused()
    {
        AssertRefused("price", new() { Min = 50, Max = 10 }, "min", "min 50 is greater than max 10");
        AssertRefused("qty", new() { Min = 200 }, "min", "200", "100");
        AssertRefused("qty", new() { Min = 1.2, Max = 1.8 }, "min", "no integer lies between min 1.2 and max 1.8");
        AssertRefused("title", new() { Max = 3 }, "min", "'title' is string");
        AssertRefused("created", new() { Min = 1 }, "min", "'created' is datetime");
    }

    [Fact]
    public void AnArraysLengthsBoundItsNumberOfItems()
    {
        var min = Constrained("tags", new() { MinLength = 2 });
        var max = Constrained("tags", new() { MaxLength = 3 });
        var beyond = Constrained("tags", new() { MinLength = 7 });
        var unbounded = Constrained("bag", new() { MaxLength = 4 });
        var unboundedMin = Constrained("bag", new() { MinLength = 4 });
        var equal = Constrained("tags", new() { MinLength = 3, MaxLength = 3 });

        Assert.Equal((2, 5), (min.MinItems!.Value, min.MaxItems!.Value));
        Assert.Equal((1, 3), (max.MinItems!.Value, max.MaxItems!.Value));
        Assert.Equal((7, 7), (beyond.MinItems!.Value, beyond.MaxItems!.Value));
        Assert.Equal((0, 4), (unbounded.MinItems!.Value, unbounded.MaxItems!.Value));
        Assert.Equal((4, 4), (unboundedMin.MinItems!.Value, unboundedMin.MaxItems!.Value));
        Assert.Equal((3, 3), (equal.MinItems!.Value, equal.MaxItems!.Value));
        Assert.Null(min.MinLength);
    }

    [Fact]
    public void ImpossibleArrayLengthsAreRefused()
    {
        AssertRefused("tags", new() { MinLength = -1 }, "min_length", "must not be negative");
        AssertRefused("tags", new() { MinLength = 4, MaxLength = 3 }, "min_length", "min_length 4 is greater than max_length 3");
        AssertRefused("tags", new() { MaxLength = 0 }, "min_length", "min_length 1 is greater than max_length 0");
    }

    [Fact]
    public void AStringsLengthsReplaceTheSchemas()
    {
        var min = Constrained("title", new() { MinLength = 3 });
        var max = Constrained("title", new() { MaxLength = 9 });
        var equal = Constrained("note", new() { MinLength = 0, MaxLength = 0 });

        Assert.Equal((3, 50), (min.MinLength!.Value, min.MaxLength!.Value));
        Assert.Equal((1, 9), (max.MinLength!.Value, max.MaxLength!.Value));
        Assert.Equal((0, 0), (equal.MinLength!.Value, equal.MaxLength!.Value));
        Assert.Null(min.MinItems);
    }

    [Fact]
    public void ImpossibleStringLengthsAreRefused()
    {
        AssertRefused("title", new() { MinLength = -1 }, "min_length", "must not be negative");
        AssertRefused("title", new() { MaxLength = -1, MinLength = -2 }, "min_length", "must not be negative");
        AssertRefused("note", new() { MaxLength = -1 }, "min_length", "must not be negative");
        AssertRefused("title", new() { MinLength = 10, MaxLength = 9 }, "min_length", "min_length 10 is greater than max_length 9");
        AssertRefused("qty", new() { MaxLength = 3 }, "min_length", "'qty' is integer");
        AssertRefused("active", new() { MinLength = 3 }, "min_length", "'active' is boolean");
    }

    [Fact]
    public void EnumValuesOnTextMakeAnEnumOfThem()
    {
        var text = Constrained("contact", new() { EnumValues = ["x1", "x2"] });
        var narrowed = Constrained("status", new() { EnumValues = ["b"] });

        Assert.Equal(FieldKind.Enum, text.Kind);
        Assert.Equal(["x1", "x2"], text.Values);
        Assert.Null(text.Semantic);
        Assert.Null(text.Format);
        Assert.Empty(text.Choices);
        Assert.Equal(["b"], narrowed.Values);
        Assert.Empty(narrowed.Weights);
    }

    [Fact]
    public void EnumValuesOutsideAnEnumsListReplaceItWithAWarning()
    {
        var warnings = new List<string>();
        var one = Constrained("status", new() { EnumValues = ["a", "z"] }, warnings);
        var two = Constrained("status", new() { EnumValues = ["y", "z"] }, warnings);
        var unwarned = Constrained("status", new() { EnumValues = ["q"] });

        Assert.Equal(["a", "z"], one.Values);
        Assert.Equal(["y", "z"], two.Values);
        Assert.Equal(["q"], unwarned.Values);
        Assert.Empty(one.Weights);
        Assert.Equal(2, warnings.Count);
        Assert.StartsWith("constraints.field_constraints[status]: 'z' is not among the schema's values for 'status'", warnings[0], StringComparison.Ordinal);
        Assert.StartsWith("constraints.field_constraints[status]: 'y', 'z' are not among", warnings[1], StringComparison.Ordinal);
    }

    [Fact]
    public void NumericEnumValuesMustLieWithinTheBoundsAndKeepTheKind()
    {
        var ints = Constrained("qty", new() { EnumValues = ["0", "100"] });
        var floats = Constrained("price", new() { EnumValues = ["1", "500", "2.5"] });

        Assert.Equal(FieldKind.Integer, ints.Kind);
        Assert.Equal(["0", "100"], ints.Values);
        Assert.Null(ints.Semantic);
        Assert.Empty(ints.Weights);
        Assert.Equal(FieldKind.Float, floats.Kind);
        Assert.Equal(["1", "500", "2.5"], floats.Values);
    }

    [Theory]
    [InlineData("qty", "-1", "integer in [0, 100]")]
    [InlineData("qty", "101", "integer in [0, 100]")]
    [InlineData("qty", "1.5", "integer in [0, 100]")]
    [InlineData("price", "0.5", "float in [1, 500]")]
    [InlineData("price", "500.01", "float in [1, 500]")]
    [InlineData("price", "NaN", "float in [1, 500]")]
    [InlineData("price", "Infinity", "float in [1, 500]")]
    [InlineData("active", "yes", "(boolean)")]
    [InlineData("title", "", "string, length 1..50")]
    [InlineData("created", "2026-01-01", "(datetime)")]
    public void EnumValuesThatDoNotFitAreRefused(string key, string value, string bounds)
    {
        AssertRefused(key, new() { EnumValues = [value] }, "enum_values", $"enum value '{value}' does not fit '{key}'", bounds);
    }

    [Fact]
    public void StringEnumValuesMayBeAsLongAsTheBounds()
    {
        var values = Constrained("title", new() { EnumValues = ["t", new string('t', 50)] }).Values;

        Assert.Equal(2, values.Count);
        AssertRefused("title", new() { EnumValues = [new string('t', 51)] }, "enum_values", "length 1..50");
    }

    [Fact]
    public void BooleanEnumValuesSetHowOftenItIsTrue()
    {
        Assert.Equal(1.0, Constrained("active", new() { EnumValues = ["true"] }).TrueProbability);
        Assert.Equal(0.0, Constrained("active", new() { EnumValues = ["false"] }).TrueProbability);
        Assert.Equal(0.5, Constrained("active", new() { EnumValues = ["false", "true"] }).TrueProbability);
        Assert.Equal(FieldKind.Boolean, Constrained("active", new() { EnumValues = ["true"] }).Kind);
    }

    [Theory]
    [InlineData("email", FieldKind.Email, null, "email")]
    [InlineData("uuid", FieldKind.Uuid, null, "uuid")]
    [InlineData("date", FieldKind.Date, null, null)]
    [InlineData("date-time", FieldKind.DateTime, null, null)]
    [InlineData("uri", FieldKind.String, "uri", "url")]
    [InlineData("ipv4", FieldKind.String, "ipv4", "ipv4")]
    public void AFormatDecidesTheKindAndTheMeaning(string format, FieldKind kind, string? kept, string? semantic)
    {
        var field = Constrained("note", new() { Format = format });
        var timestamp = Constrained("created", new() { Format = format });

        Assert.Equal((kind, kept, semantic), (field.Kind, field.Format, field.Semantic));
        Assert.Equal(kind, timestamp.Kind);
    }

    [Fact]
    public void AFormatOrARegexDropsTheFieldsChoices()
    {
        Assert.All(["email", "uuid", "date", "date-time", "uri", "ipv4"], format => Assert.Empty(Constrained("code", new() { Format = format }).Choices));
        Assert.Empty(Constrained("code", new() { Regex = "[0-9]{3}" }).Choices);
        Assert.Equal(["c1", "c2"], Constrained("code", new() { MaxLength = 9 }).Choices);
        AssertRefused("contact", new() { Format = "uuid" }, "format", "format applies to string fields; 'contact' is phone");
    }

    [Fact]
    public void UnknownOrMisplacedFormatsAreRefused()
    {
        AssertRefused("note", new() { Format = "colour" }, "format", "format 'colour' is not one of email, uuid, date, date-time, uri, ipv4");
        AssertRefused("note", new() { Format = "email", Regex = "a+" }, "format", "give either format or regex, not both");
        AssertRefused("qty", new() { Format = "email" }, "format", "'qty' is integer");
    }

    [Fact]
    public void AnEmptyFormatIsNoFormat()
    {
        Assert.Equal(FieldKind.Phone, Constrained("contact", new() { Format = "" }).Kind);
    }

    [Fact]
    public void ARegexMakesAPlainPatternedString()
    {
        var field = Constrained("contact", new() { Regex = "[0-9]{3}" });

        Assert.Equal((FieldKind.String, "[0-9]{3}"), (field.Kind, field.Pattern));
        Assert.Null(field.Format);
        Assert.Null(field.Semantic);
    }

    [Fact]
    public void ARegexOnAnythingButTextOrThatCannotBeServedIsRefused()
    {
        AssertRefused("status", new() { Regex = "a" }, "regex", "regex applies to string fields; 'status' is enum");
        AssertRefused("note", new() { EnumValues = ["a"], Regex = "a" }, "regex", "'note' is enum");
        AssertRefused("qty", new() { Regex = "1" }, "regex", "'qty' is integer");
        AssertRefused("note", new() { Regex = "(unclosed" }, "regex", "regex '(unclosed' ");
        AssertRefused("note", new() { Regex = "[a-z]{3}", MinLength = 5 }, "regex", "regex '[a-z]{3}'");
        AssertRefused("note", new() { Regex = "[a-z]{70}" }, "regex", "regex '[a-z]{70}'");
    }

    [Fact]
    public void ARegexIsBoundedByTheConstraintsLengths()
    {
        Assert.Equal("[a-z]{70}", Constrained("note", new() { Regex = "[a-z]{70}", MaxLength = 80 }).Pattern);
        Assert.Equal("[a-z]{3}", Constrained("note", new() { Regex = "[a-z]{3}", MaxLength = 3 }).Pattern);
    }

    [Fact]
    public void BlankRatesMakeTheFieldOptional()
    {
        var nulls = Constrained("title", new() { NullRate = 0.2 });
        var missing = Constrained("title", new() { MissingRate = 0.3 });
        var none = Constrained("title", new() { NullRate = 0, MissingRate = 0 });
        var full = Constrained("title", new() { NullRate = 0.25, MissingRate = 0.75 });

        Assert.Equal((0.2, 0.0, false), (nulls.NullRate, nulls.MissingRate, nulls.Required));
        Assert.Equal((0.0, 0.3, false), (missing.NullRate, missing.MissingRate, missing.Required));
        Assert.True(none.Required);
        Assert.Equal((0.25, 0.75, false), (full.NullRate, full.MissingRate, full.Required));
        Assert.False(Constrained("note", new() { NullRate = 0 }).Required);
        Assert.Equal(1.0, Constrained("note", new() { NullRate = 1 }).NullRate);
        Assert.Equal(1.0, Constrained("note", new() { MissingRate = 1 }).MissingRate);
    }

    [Theory]
    [InlineData(-0.1, null, "null_rate", "null_rate must be between 0 and 1, got -0.1")]
    [InlineData(1.1, null, "null_rate", "null_rate must be between 0 and 1, got 1.1")]
    [InlineData(double.NaN, null, "null_rate", "null_rate must be between 0 and 1")]
    [InlineData(null, -0.1, "missing_rate", "missing_rate must be between 0 and 1, got -0.1")]
    [InlineData(null, 1.1, "missing_rate", "missing_rate must be between 0 and 1, got 1.1")]
    [InlineData(0.5, 0.6, "null_rate", "null_rate 0.5 and missing_rate 0.6 add up to more than 1")]
    public void BlankRatesOutsideZeroToOneAreRefused(double? nullRate, double? missingRate, string rule, string message)
    {
        AssertRefused("title", new() { NullRate = nullRate, MissingRate = missingRate }, rule, message);
    }

    [Fact]
    public void NestedFieldsAreConstrainedByTheirDottedNames()
    {
        var city = Constrained("address.city", new() { MaxLength = 12 });
        var sku = Constrained("lines.sku", new() { MaxLength = 8 });
        var tags = Constrained("tags", new() { MaxLength = 2 });

        Assert.Equal(12, city.MaxLength);
        Assert.Equal(8, sku.MaxLength);
        Assert.Equal(FieldKind.String, tags.Items!.Kind);
    }

    [Theory]
    [InlineData("colour")]
    [InlineData("address.street")]
    [InlineData("lines[].sku")]
    [InlineData("city")]
    public void AConstraintOnNoFieldIsRefusedNamingIt(string key)
    {
        var error = Refused(key, new() { Max = 1 });

        Assert.Equal($"constraints.field_constraints[{key}]", error.Field);
        Assert.Contains($"'{key}' is not a field of thing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFirstUnknownFieldInNameOrderIsNamed()
    {
        var error = Assert.Throws<InvalidRequestException>(() => ConstraintApplier.Apply(s_schema,
            new Dictionary<string, FieldConstraintInput> { ["zeta"] = new(), ["price"] = new() { Max = 3 }, ["alpha"] = new() }));

        Assert.Equal("constraints.field_constraints[alpha]", error.Field);
    }

    /// <summary>Field definitions compared by value, their lists by content (records compare lists by reference).</summary>
    private sealed class FieldEquality : IEqualityComparer<FieldDefinition>
    {
        public static readonly FieldEquality Instance = new();

        public bool Equals(FieldDefinition? x, FieldDefinition? y) =>
            x is not null && y is not null &&
            System.Text.Json.JsonSerializer.Serialize(x) == System.Text.Json.JsonSerializer.Serialize(y);

        public int GetHashCode(FieldDefinition obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
