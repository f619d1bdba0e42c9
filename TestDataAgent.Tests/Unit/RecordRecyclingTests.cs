using TestDataAgent.Generators.Catalog;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Traditional;
using TestDataAgent.Generators.Validation;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Unit;

/// <summary>
/// A stream's batch and a unary answer write each record before the next is made, so their sessions reuse a record's
/// structure (the record, its nested objects and lists) for the next one. The records must be the same as a fresh
/// session's, byte for byte, whatever the entity, scenario, override or hint.
/// </summary>
public sealed class RecordRecyclingTests
{
    public static TheoryData<string, string[], string?> Cases => new()
    {
        { "user", [], null },
        { "order", [], null },
        { "cart", [], null },
        { "product", [], null },
        { "review", [], null },
        { "order", ["edge_case"], null },
        { "user", ["edge_case"], null },
        // A nested override (every item's quantity) and a top-level one, on half the run.
        { "order", [], "items.quantity" },
        { "cart", [], "items.quantity" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ARecyclingSessionMakesTheSameRecordsAsAFreshOne(string entity, string[] hints, string? nestedOverride)
    {
        var request = Request(entity, hints, nestedOverride);
        var generator = new TraditionalGenerator(ThemeCatalog.Default, new RecordValidator());
        var fresh = generator.Begin(request);
        var recycling = generator.Begin(request);
        recycling.RecyclesRecords = true;

        foreach (var (index, scenario) in TraditionalGenerator.Layout(request, request.First, request.End))
        {
            // Written before the next record is made, as the stream and the unary answer do.
            var expected = RecordJson.ToJson(fresh.Make(index, scenario));
            var actual = RecordJson.ToJson(recycling.Make(index, scenario));
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void ARecyclingSessionReusesTheRecordAndItsNestedObjects()
    {
        var request = Request("user", [], null);
        var generator = new TraditionalGenerator(ThemeCatalog.Default, new RecordValidator());
        var recycling = generator.Begin(request);
        recycling.RecyclesRecords = true;
        var fresh = generator.Begin(request);
        var scenario = request.Scenarios[0];

        var first = recycling.Make(0, scenario);
        var firstAddresses = (List<object?>)first["addresses"]!;
        var second = recycling.Make(1, scenario);

        Assert.Same(first, second);
        Assert.Same(firstAddresses, second["addresses"]);
        // A session that does not recycle hands out records the caller may keep.
        Assert.NotSame(fresh.Make(0, scenario), fresh.Make(1, scenario));
    }

    [Fact]
    public void ARecyclingSessionAllocatesNothingForARecordsStructure()
    {
        var request = Request("user", [], null, count: 3_000);
        var generator = new TraditionalGenerator(ThemeCatalog.Default, new RecordValidator());
        var scenario = request.Scenarios[0];

        // Bytes allocated on this thread per record over records 1,000 to 2,999, after the first 1,000 warmed the session.
        long PerRecord(bool recycles)
        {
            var session = generator.Begin(request);
            session.RecyclesRecords = recycles;
            for (var i = 0; i < 1_000; i++)
            {
                session.Make(i, scenario);
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 1_000; i < 3_000; i++)
            {
                session.Make(i, scenario);
            }

            return (GC.GetAllocatedBytesForCurrentThread() - before) / 2_000;
        }

        var fresh = PerRecord(recycles: false);
        var recycled = PerRecord(recycles: true);

        // The record, its one to three addresses and the list hold them: about 900 bytes a record made afresh. What a
        // recycled record still allocates is its values (strings, the index's box).
        Assert.True(fresh - recycled >= 600, $"a fresh record allocated {fresh} B, a recycled one {recycled} B");
    }

    private static GenerationRequest Request(string entity, string[] hints, string? nestedOverride, int count = 400)
    {
        var scenarios = nestedOverride is null
            ? new List<ScenarioInput>()
            : [new ScenarioInput("bulk", count / 2, new Dictionary<string, string> { [nestedOverride] = "7" }, ""), new ScenarioInput("plain", count / 2, new Dictionary<string, string>(), "")];
        var input = new GenerationRequestInput
        {
            Entity = entity,
            Count = count,
            Seed = 20261203,
            ReferenceTime = "2026-06-01T12:00:00Z",
            Hints = hints,
            Scenarios = scenarios,
        };

        return TestRequests.Validator().Validate(input, RequestMode.Stream);
    }
}
