using TestDataAgent.Generators.Catalog;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Traditional;
using TestDataAgent.Generators.Validation;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Unit;

/// <summary>A schema's field plans are compiled once per (schema, constraints) and shared; the records do not change.</summary>
public sealed class FieldPlanCacheTests
{
    [Fact]
    public void ABuiltInEntityIsCompiledOnceForEveryCall()
    {
        var generator = NewGenerator();

        generator.Begin(Request("user", seed: 1));
        generator.Begin(Request("user", seed: 2));
        // Another count whose unique emails have as many digits (three).
        generator.Begin(Request("user", seed: 3, count: 25));

        Assert.Equal(1, generator.PlanCompilations);
        // A run long enough for longer unique emails is its own plan.
        generator.Begin(Request("user", seed: 3, count: 5_000));
        Assert.Equal(2, generator.PlanCompilations);
    }

    [Fact]
    public void DifferentConstraintsCompileAgainAndEqualOnesDoNot()
    {
        var generator = NewGenerator();

        generator.Begin(Request("user", seed: 1));
        generator.Begin(Request("user", seed: 1, nameMax: 40));
        generator.Begin(Request("user", seed: 2, nameMax: 40));
        generator.Begin(Request("user", seed: 1, nameMax: 41));

        Assert.Equal(3, generator.PlanCompilations);
    }

    [Fact]
    public void ARequestWithEdgeCasesCompilesItsOwnPlans()
    {
        var generator = NewGenerator();

        generator.Begin(Request("user", seed: 1, hints: ["edge_case"]));
        generator.Begin(Request("user", seed: 1, hints: ["edge_case"]));

        Assert.Equal(2, generator.PlanCompilations);
    }

    [Theory]
    [InlineData("user")]
    [InlineData("order")]
    [InlineData("payment")]
    public void SharedPlansMakeTheSameRecordsAsFreshOnes(string entity)
    {
        var shared = NewGenerator();
        // The first request compiles and caches; the second (another seed) reuses those plans.
        _ = Json(shared, Request(entity, seed: 11));
        var reused = Json(shared, Request(entity, seed: 12));

        var fresh = Json(NewGenerator(), Request(entity, seed: 12));

        Assert.Equal(1, shared.PlanCompilations);
        Assert.Equal(fresh, reused);
    }

    private static TraditionalGenerator NewGenerator() => new(ThemeCatalog.Default, new RecordValidator());

    private static string Json(TraditionalGenerator generator, GenerationRequest request)
    {
        using var formatter = ChunkFormatter.Create(DataFormat.Json, request.Schema);
        foreach (var record in generator.GenerateAsync(request, CancellationToken.None).ToBlockingEnumerable())
        {
            formatter.Add(record);
        }

        return formatter.Complete();
    }

    private static GenerationRequest Request(string entity, long seed, int count = 30, int? nameMax = null, string[]? hints = null)
    {
        var input = new GenerationRequestInput
        {
            Entity = entity,
            Count = count,
            Seed = seed,
            ReferenceTime = "2026-06-01T12:00:00Z",
            Hints = hints ?? [],
            Constraints = nameMax is { } max
                ? new Dictionary<string, FieldConstraintInput> { ["first_name"] = new() { MinLength = 1, MaxLength = max } }
                : new Dictionary<string, FieldConstraintInput>(),
        };

        return TestRequests.Validator().Validate(input, RequestMode.Unary);
    }
}
