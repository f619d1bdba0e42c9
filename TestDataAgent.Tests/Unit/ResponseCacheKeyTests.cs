using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TestDataAgent.Generators;
using TestDataAgent.Generators.Caching;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Unit;

/// <summary>
/// The response cache's key covers everything that decides the output, and nothing that does not: a cached answer is
/// never replayed for a request that would have been answered differently, and a repeat always hits.
/// </summary>
public sealed class ResponseCacheKeyTests : IDisposable
{
    private const string Bill = """
        {"name": "bill", "fields": {
           "subtotal": {"type": "float", "required": true, "min": 1, "max": 100},
           "tax": {"type": "float", "required": true}},
         "derive": [{"rule": "percent_of", "target": "tax", "base": "subtotal", "min_percent": 5, "max_percent": 10}]}
        """;

    private static readonly GenerationRequestInput s_base = new()
    {
        RequestId = "req-1",
        Entity = "order",
        Count = 5,
        Seed = 11,
        ReferenceTime = "2026-06-01T12:00:00Z",
        Hints = ["realistic", "edge_case"],
        Context = "holiday shoppers",
        Scenarios =
        [
            new ScenarioInput("shipped", 2, new Dictionary<string, string> { ["status"] = "shipped" }, "orders on their way"),
            new ScenarioInput("pending", 3, new Dictionary<string, string>(), ""),
        ],
        UseCache = true,
    };

    private readonly ServiceProvider _services;
    private readonly ResponseCache _cache;
    private readonly GenerationRequestValidator _validator;

    public ResponseCacheKeyTests()
    {
        _services = TestRequests.DomainServices();
        _cache = _services.GetRequiredService<ResponseCache>();
        _validator = _services.GetRequiredService<GenerationRequestValidator>();
    }

    public void Dispose() => _services.Dispose();

    public static TheoryData<string, GenerationRequestInput, GenerationRequestInput> Deciding()
    {
        var constrained = s_base with { Constraints = new Dictionary<string, FieldConstraintInput> { ["total"] = new() { Max = 500 } } };
        var bill = s_base with { Entity = "", Scenarios = [], InlineSchema = Bill };
        var data = new TheoryData<string, GenerationRequestInput, GenerationRequestInput>
        {
            { "entity", s_base, s_base with { Entity = "payment", Scenarios = [] } },
            { "domain", s_base, s_base with { Domain = "retail" } },
            { "scenario count", s_base, s_base with { Scenarios = [s_base.Scenarios[0] with { Count = 3 }, s_base.Scenarios[1]] } },
            { "scenario name", s_base, s_base with { Scenarios = [s_base.Scenarios[0] with { Name = "sent" }, s_base.Scenarios[1]] } },
            { "scenario description", s_base, s_base with { Scenarios = [s_base.Scenarios[0] with { Description = "late orders" }, s_base.Scenarios[1]] } },
            { "override value", s_base, s_base with { Scenarios = [s_base.Scenarios[0] with { Overrides = new Dictionary<string, string> { ["status"] = "delivered" } }, s_base.Scenarios[1]] } },
            { "count without scenarios", s_base, s_base with { Scenarios = [], Count = 6 } },
            { "seed", s_base, s_base with { Seed = 12 } },
            { "reference_time", s_base, s_base with { ReferenceTime = "2026-06-02T12:00:00Z" } },
            { "output_format", s_base, s_base with { OutputFormat = 1 } },
            { "sql_dialect of SQL", s_base with { OutputFormat = 2 }, s_base with { OutputFormat = 2, SqlDialect = "mysql" } },
            { "locale", s_base, s_base with { Locale = "de_DE" } },
            { "context", s_base, s_base with { Context = "back to school" } },
            { "another hint", s_base, s_base with { Hints = ["realistic", "edge_case", "fast"] } },
            { "a hint fewer", s_base, s_base with { Hints = ["realistic"] } },
            { "learn_from_history", s_base, s_base with { LearnFromHistory = true } },
            { "defect_triggering", s_base, s_base with { DefectTriggering = true } },
            { "production_like", s_base, s_base with { ProductionLike = true } },
            { "generation_method", s_base, s_base with { GenerationMethod = 1 } },
            { "a constraint", s_base, s_base with { Constraints = new Dictionary<string, FieldConstraintInput> { ["total"] = new() { Max = 500 } } } },
            { "a constraint's bound", constrained, constrained with { Constraints = new Dictionary<string, FieldConstraintInput> { ["total"] = new() { Max = 400 } } } },
            { "inline schema", s_base, s_base with { Entity = "", Scenarios = [], InlineSchema = Bill } },
            { "a derive rule's parameter", bill, bill with { InlineSchema = Bill.Replace("\"min_percent\": 5", "\"min_percent\": 6", StringComparison.Ordinal) } },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Deciding))]
    public void EveryInputThatDecidesTheOutputChangesTheKey(string changed, GenerationRequestInput baseline, GenerationRequestInput variant) =>
        Assert.True(Key(baseline) != Key(variant), $"changing {changed} left the key as it was");

    [Fact]
    public void WhatDoesNotDecideTheOutputLeavesTheKeyAlone()
    {
        var key = Key(s_base);

        Assert.Equal(key, Key(s_base with { RequestId = "req-2" }));
        Assert.Equal(key, Key(s_base with { SqlDialect = "mysql" }));
        Assert.Equal(key, Key(s_base with { Hints = ["edge_case", "realistic"] }));
        Assert.Equal(key, Key(s_base with { Hints = [" Realistic ", "EDGE_CASE", "realistic"] }));
        Assert.Equal(key, Key(s_base with { Scenarios = [s_base.Scenarios[0] with { Overrides = new Dictionary<string, string> { ["status"] = "shipped" } }, s_base.Scenarios[1]] }));
    }

    [Fact]
    public void UnseededRepeatsShareAKeyThoughTheServiceChoseDifferentSeeds()
    {
        var unseeded = s_base with { Seed = null, ReferenceTime = "" };
        var first = _validator.Validate(unseeded, RequestMode.Unary);
        var second = _validator.Validate(unseeded, RequestMode.Unary);

        Assert.NotEqual(first.Seed, second.Seed);
        Assert.Equal(_cache.KeyFor(first), _cache.KeyFor(second));
        Assert.NotEqual(_cache.KeyFor(first), Key(s_base));
    }

    [Fact]
    public void AnUnseededRepeatAnHourLaterSharesTheKeyButACallersReferenceTimeDecidesIt()
    {
        var unseeded = s_base with { Seed = null, ReferenceTime = "" };
        var clock = new FakeTimeProvider(TestRequests.ReferenceTime);
        var validator = new GenerationRequestValidator(new SchemaResolver(TestRequests.Registry), Options.Create(new GenerationOptions()), clock);
        var first = validator.Validate(unseeded, RequestMode.Unary);
        clock.Advance(TimeSpan.FromHours(1));
        var second = validator.Validate(unseeded, RequestMode.Unary);

        Assert.NotEqual(first.ReferenceTime, second.ReferenceTime);
        Assert.Equal(_cache.KeyFor(first), _cache.KeyFor(second));
        Assert.NotEqual(Key(s_base with { Seed = null, ReferenceTime = "2026-06-01T12:00:00Z" }), Key(s_base with { Seed = null, ReferenceTime = "2026-06-02T12:00:00Z" }));
    }

    [Fact]
    public void APoolKeyChangesWithWhatMakesRecordsInterchangeableAndWithNothingElse()
    {
        var key = PoolKey(s_base);
        var unscenarioed = s_base with { Scenarios = [] };
        var bill = s_base with { Entity = "", Scenarios = [], InlineSchema = Bill };

        Assert.Equal(key, PoolKey(s_base with { Seed = 12, RequestId = "req-2", ReferenceTime = "2026-06-02T12:00:00Z" }));
        Assert.Equal(key, PoolKey(s_base with { Scenarios = [s_base.Scenarios[0] with { Overrides = new Dictionary<string, string> { ["status"] = "delivered" } }, s_base.Scenarios[1]] }));
        Assert.Equal(key, PoolKey(s_base with { Hints = ["edge_case", "realistic"] }));
        Assert.Equal(PoolKey(unscenarioed), PoolKey(unscenarioed with { Count = 50 }));
        Assert.NotEqual(key, PoolKey(s_base with { Context = "back to school" }));
        Assert.NotEqual(key, PoolKey(s_base with { Hints = ["realistic"] }));
        Assert.NotEqual(key, PoolKey(s_base with { LearnFromHistory = true }));
        Assert.NotEqual(key, PoolKey(s_base with { DefectTriggering = true }));
        Assert.NotEqual(key, PoolKey(s_base with { ProductionLike = true }));
        Assert.NotEqual(key, PoolKey(s_base with { Constraints = new Dictionary<string, FieldConstraintInput> { ["total"] = new() { Max = 500 } } }));
        Assert.NotEqual(PoolKey(bill), PoolKey(bill with { InlineSchema = Bill.Replace("\"min_percent\": 5", "\"min_percent\": 6", StringComparison.Ordinal) }));
        Assert.NotEqual(key, RecordPools.KeyFor(_validator.Validate(s_base, RequestMode.Unary), Generators.Generation.GenerationPath.Hybrid));
    }

    private string Key(GenerationRequestInput input) => _cache.KeyFor(_validator.Validate(input, RequestMode.Unary));

    private string PoolKey(GenerationRequestInput input) => RecordPools.KeyFor(_validator.Validate(input, RequestMode.Unary), Generators.Generation.GenerationPath.Llm);
}
