using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Unit;

public sealed class RequestValidatorTests
{
    private static readonly Dictionary<string, string> s_noOverrides = [];

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void ACountBelowOneIsRefusedNamingTheField(int count)
    {
        var error = Assert.Throws<InvalidRequestException>(() => Validate(new() { Entity = "cart", Count = count }));

        Assert.Equal("count", error.Field);
        Assert.Contains("count", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACountAboveTheSyncLimitIsRefusedAsTheOriginalsClientsExpect()
    {
        var error = Assert.Throws<InvalidRequestException>(() => TestRequests.Validator(maxSync: 100).Validate(new() { Entity = "cart", Count = 101 }, RequestMode.Unary));

        Assert.Contains("exceeds max sync limit", error.Message, StringComparison.Ordinal);
        Assert.Equal(100, TestRequests.Validator(maxSync: 100).Validate(new() { Entity = "cart", Count = 100 }, RequestMode.Unary).Count);
    }

    [Fact]
    public void AStreamHasItsOwnLimit()
    {
        var validator = TestRequests.Validator(maxSync: 10, maxStream: 1000);

        Assert.Equal(1000, validator.Validate(new() { Entity = "cart", Count = 1000 }, RequestMode.Stream).Count);
        Assert.Throws<InvalidRequestException>(() => validator.Validate(new() { Entity = "cart", Count = 1001 }, RequestMode.Stream));
    }

    // What depends on the schema alone is checked once per schema instance (a built-in schema comes back as the same
    // one): a schema accepted before is still refused when a request's constraints or scenarios take it over a limit,
    // and a bad inline schema is refused every time it is sent.
    [Fact]
    public void ASchemaAcceptedOnceIsStillCheckedWhenARequestChangesIt()
    {
        var validator = new GenerationRequestValidator(
            new SchemaResolver(TestRequests.Registry),
            Microsoft.Extensions.Options.Options.Create(new Generators.GenerationOptions { MaxStringLength = 1_000, MaxRecordBytes = 150_000 }),
            new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestRequests.ReferenceTime));
        var tooLong = new Dictionary<string, FieldConstraintInput> { ["first_name"] = new() { MaxLength = 5_000 } };
        var large = new ScenarioInput("large", 1, new Dictionary<string, string> { ["last_name"] = new string('x', 120_000) }, "");
        const string badPattern = """{"name":"x","fields":{"a":{"type":"string","pattern":"(a"}}}""";

        for (var round = 0; round < 3; round++)
        {
            Assert.Equal(1, validator.Validate(new() { Entity = "user", Count = 1 }, RequestMode.Unary).Count);
            var constrained = Assert.Throws<InvalidRequestException>(() => validator.Validate(new() { Entity = "user", Count = 1, Constraints = tooLong }, RequestMode.Unary));
            Assert.Contains("Generation:MaxStringLength", constrained.Message, StringComparison.Ordinal);
            var overridden = Assert.Throws<InvalidRequestException>(() => validator.Validate(new() { Entity = "user", Scenarios = [large] }, RequestMode.Unary));
            Assert.Contains("Generation:MaxRecordBytes", overridden.Message, StringComparison.Ordinal);
            Assert.Throws<InvalidRequestException>(() => validator.Validate(new() { InlineSchema = badPattern, Count = 1 }, RequestMode.Unary));
        }
    }

    [Fact]
    public void AnUnknownEntityIsNamedInTheError()
    {
        var error = Assert.Throws<InvalidRequestException>(() => Validate(new() { Entity = "spaceship", Count = 1 }));

        Assert.Equal("entity", error.Field);
        Assert.Contains("spaceship", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingEntityIsRefused()
    {
        Assert.Equal("entity", Assert.Throws<InvalidRequestException>(() => Validate(new() { Count = 1 })).Field);
    }

    [Fact]
    public void AnUnparseableReferenceTimeIsRefused()
    {
        Assert.Equal("reference_time", Assert.Throws<InvalidRequestException>(() => Validate(new() { Entity = "user", Count = 1, ReferenceTime = "yesterday" })).Field);
    }

    [Fact]
    public void AnUnseededRequestGetsASeedAndTheReferenceTimeIsNow()
    {
        var request = Validate(new() { Entity = "user", Count = 1 });

        Assert.NotEqual(0, request.Seed);
        Assert.Equal(TestRequests.ReferenceTime, request.ReferenceTime);
    }

    [Fact]
    public void ASeededRequestWithoutReferenceTimeUsesTheFixedInstantNotTheClock()
    {
        var request = Validate(new() { Entity = "user", Count = 1, Seed = 5 });

        Assert.Equal(GenerationRequestValidator.SeededReferenceTime, request.ReferenceTime);
        Assert.NotEqual(TestRequests.ReferenceTime, request.ReferenceTime);
    }

    [Fact]
    public void ScenarioCountsDecideTheTotalAndOverridesTakeTheFieldsType()
    {
        var request = Validate(new()
        {
            Entity = "review",
            Count = 10,
            Scenarios =
            [
                new("happy", 3, new Dictionary<string, string> { ["rating"] = "5", ["verified_purchase"] = "true" }, ""),
                new("angry", 2, new Dictionary<string, string> { ["rating"] = "1" }, ""),
            ],
        });

        Assert.Equal(5, request.Count);
        Assert.Equal(5L, request.Scenarios[0].Overrides["rating"]);
        Assert.Equal(true, request.Scenarios[0].Overrides["verified_purchase"]);
        Assert.Contains(request.Warnings, w => w.Contains("differs", StringComparison.Ordinal));
    }

    [Fact]
    public void ScenariosWithoutCountsShareTheCount()
    {
        var request = Validate(new()
        {
            Entity = "user",
            Count = 10,
            Scenarios = [new("a", 0, s_noOverrides, ""), new("b", 0, s_noOverrides, ""), new("c", 0, s_noOverrides, "")],
        });

        Assert.Equal([4, 3, 3], request.Scenarios.Select(s => s.Count));
    }

    [Fact]
    public void AScenarioSumOverTheSyncLimitIsRefused()
    {
        var error = Assert.Throws<InvalidRequestException>(() => TestRequests.Validator(maxSync: 10).Validate(new()
        {
            Entity = "user",
            Count = 5,
            Scenarios = [new("a", 8, s_noOverrides, ""), new("b", 8, s_noOverrides, "")],
        }, RequestMode.Unary));

        Assert.Contains("exceeds max sync limit", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nonexistent.deeper", "x", "scenarios[0].overrides.nonexistent.deeper")]
    [InlineData("rating", "five", "scenarios[0].overrides.rating")]
    [InlineData("rating", "9", "scenarios[0].overrides.rating")]
    public void ABadOverrideIsRefusedNamingTheField(string field, string value, string expectedField)
    {
        var error = Assert.Throws<InvalidRequestException>(() => Validate(new()
        {
            Entity = "review",
            Scenarios = [new("s", 2, new Dictionary<string, string> { [field] = value }, "")],
        }));

        Assert.Equal(expectedField, error.Field);
    }

    [Fact]
    public void DuplicateScenarioNamesAreRefused()
    {
        Assert.Equal("scenarios[1].name", Assert.Throws<InvalidRequestException>(() => Validate(new()
        {
            Entity = "user",
            Scenarios = [new("a", 1, s_noOverrides, ""), new("a", 1, s_noOverrides, "")],
        })).Field);
    }

    [Fact]
    public void AnInlineSchemaIsUsedForThisRequestOnly()
    {
        var inline = """{"name":"ticket","domain":"support","description":"t","fields":{"ticket_id":{"type":"string","required":true,"format":"TCK-{random:6}"},"priority":{"type":"enum","values":["low","high"]}}}""";

        var request = Validate(new() { InlineSchema = inline, Count = 3 });

        Assert.Equal("ticket", request.Entity);
        Assert.False(TestRequests.Registry.TryGet("ticket", out _));
    }

    [Fact]
    public void AMalformedInlineSchemaSaysWhere()
    {
        var error = Assert.Throws<InvalidRequestException>(() => Validate(new() { InlineSchema = """{"name":"x","fields":{"a":{"type":"strange"}}}""", Count = 1 }));

        Assert.StartsWith("inline_schema", error.Field, StringComparison.Ordinal);
        Assert.Contains("strange", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownFormatAndMethodValuesAreRefused()
    {
        Assert.Equal("output_format", Assert.Throws<InvalidRequestException>(() => Validate(new() { Entity = "user", Count = 1, OutputFormat = 9 })).Field);
        Assert.Equal("generation_method", Assert.Throws<InvalidRequestException>(() => Validate(new() { Entity = "user", Count = 1, GenerationMethod = 7 })).Field);
    }

    [Fact]
    public void GenerationMethodZeroMeansTheRoutersChoice()
    {
        Assert.Null(Validate(new() { Entity = "user", Count = 1 }).RequestedMethod);
        Assert.Equal(GenerationPath.Rag, Validate(new() { Entity = "user", Count = 1, GenerationMethod = 2 }).RequestedMethod);
    }

    private static GenerationRequest Validate(GenerationRequestInput input) => TestRequests.Validator().Validate(input, RequestMode.Unary);
}
