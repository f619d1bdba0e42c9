using Microsoft.Extensions.DependencyInjection;
using TestDataAgent.Generators.Coherence;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Rag;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Validation;

using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Rag;

/// <summary>The RAG path over the seeded embedded store with the real MiniLM model.</summary>
[Collection(RagGroup.Name)]
public sealed class RagGenerationTests(RagServices rag)
{
    public static TheoryData<string, string> EntitiesAndModes()
    {
        var data = new TheoryData<string, string>();
        foreach (var entity in new[] { "user", "product", "cart", "order", "review" })
        {
            foreach (var mode in new[] { "learn_from_history", "defect_triggering", "production_like" })
            {
                data.Add(entity, mode);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EntitiesAndModes))]
    public async Task EveryRagRecordIsValidCoherentAndNamesAPatternOfItsOwnEntity(string entity, string mode)
    {
        var request = RagServices.Request(entity, 40, history: mode == "learn_from_history", defects: mode == "defect_triggering", productionLike: mode == "production_like");
        var validator = new RecordValidator();
        var ownIds = SeedCorpus.Load().Where(s => s.Entity == entity).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);

        var records = await rag.RecordsAsync(request);

        Assert.Equal(40, records.Count);
        Assert.All(records, record =>
        {
            Assert.Empty(validator.Validate(record, request.Schema, 0));
            // Satisfied where the record holds what the rule is about; "not applicable" (null) only where it does not.
            Assert.All(request.Schema.Derivations, rule => Assert.Equal(PlantedViolations.Applies(rule, record) ? true : null, CoherenceScorer.Check(record, rule)));
            Assert.Contains((string)record[RagGenerator.PatternField]!, ownIds);
        });
        var key = request.Schema.PrimaryKey!;
        Assert.Equal(records.Count, records.Select(r => r[key]).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), records.Select(r => (long)r[DataRecord.IndexField]!));
    }

    [Fact]
    public async Task PatternValuesAreCarriedIntoTheRecords()
    {
        var request = RagServices.Request("cart", 20, history: true, context: "a shopper buying running shoes, socks and a water bottle for marathon training");

        var records = await rag.RecordsAsync(request);

        Assert.Equal("seed-cart-fitness-shopping", records[0][RagGenerator.PatternField]);
        var names = ((List<object?>)records[0]["items"]!).Cast<DataRecord>().Select(i => (string)i["name"]!).ToList();
        Assert.Contains("Trail Running Shoes", names);
    }

    [Fact]
    public async Task DefectTriggeringRecordsCarryTheDefectsTriggerValues()
    {
        var request = RagServices.Request("user", 30, defects: true, context: "names with apostrophes, accents and plus addressed emails");

        var records = await rag.RecordsAsync(request);

        Assert.Contains(records, r => r["last_name"] is "O'Brien" && ((string)r["email"]!).Contains("+newsletter", StringComparison.Ordinal));
        Assert.Equal(records.Count, records.Select(r => r["email"]).Distinct().Count());
    }

    [Fact]
    public async Task ProductionLikeRecordsFollowTheStoredDistribution()
    {
        var request = RagServices.Request("order", 400, productionLike: true);

        var records = await rag.RecordsAsync(request);

        var shipped = records.Count(r => r["status"] is "shipped") / (double)records.Count;
        var cancelled = records.Count(r => r["status"] is "cancelled") / (double)records.Count;
        // The sample says 45 % shipped and 3 % cancelled (the schema's own weights are 20 % and 5 %).
        Assert.InRange(shipped, 0.35, 0.55);
        Assert.True(cancelled < 0.08, $"cancelled {cancelled}");
        Assert.All(records, r => Assert.Equal("seed-order-production-status", r[RagGenerator.PatternField]));
    }

    [Fact]
    public async Task ARecordedProductionBatchBecomesOneSampleWhoseFrequenciesProductionLikeRequestsFollow()
    {
        using var timeout = new CancellationTokenSource(Deadlines.Hang);
        var batch = Infrastructure.TestRequests.Generate("support_ticket", 30, seed: 3);
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i]["priority"] = i < 24 ? "urgent" : "low";
        }

        var stored = await rag.Library.RecordAsync(new PatternSubmission
        {
            Entity = "support_ticket",
            Kind = PatternCategory.ProductionSample,
            Data = Generators.Output.RecordJson.ToJson(batch.Cast<object?>().ToList()),
            Description = "last month's tickets",
            Synthetic = true,
        }, timeout.Token);
        var records = await rag.RecordsAsync(RagServices.Request("support_ticket", 300, productionLike: true));

        Assert.Equal(1, stored.Stored);
        var urgent = records.Count(r => r["priority"] is "urgent") / (double)records.Count;
        var other = records.Count(r => r["priority"] is not ("urgent" or "low"));
        Assert.InRange(urgent, 0.7, 0.9);
        Assert.Equal(0, other);
        Assert.All(records, r => Assert.Equal(stored.Ids[0], r[RagGenerator.PatternField]));
    }

    [Fact]
    public async Task TheSameSeedGivesByteIdenticalOutputAndAnotherSeedDoesNot()
    {
        using var timeout = new CancellationTokenSource(Deadlines.Hang);
        var request = RagServices.Request("product", 25, seed: 99, history: true, context: "smart home gadgets");

        var first = await rag.Generation.GenerateAsync(request, timeout.Token);
        var second = await rag.Generation.GenerateAsync(request, timeout.Token);
        var other = await rag.Generation.GenerateAsync(request with { Seed = 100 }, timeout.Token);

        Assert.Equal(GenerationPath.Rag, first.Metadata.Path);
        Assert.Equal(first.Data, second.Data);
        Assert.NotEqual(first.Data, other.Data);
    }

    [Fact]
    public async Task TheStreamGivesTheSameRecordsAsTheUnaryResponse()
    {
        using var timeout = new CancellationTokenSource(Deadlines.Hang);
        var request = RagServices.Request("review", 60, seed: 5, history: true);

        var unary = await rag.Generation.GenerateAsync(request, timeout.Token);
        var chunks = new List<string>();
        await foreach (var chunk in rag.Generation.StreamAsync(request, timeout.Token))
        {
            chunks.Add(chunk);
        }

        var streamed = chunks.SelectMany(c => System.Text.Json.JsonDocument.Parse(c).RootElement.EnumerateArray().Select(e => e.GetRawText())).ToList();
        var whole = System.Text.Json.JsonDocument.Parse(unary.Data).RootElement.EnumerateArray().Select(e => e.GetRawText()).ToList();
        Assert.Equal(whole, streamed);
    }

    [Fact]
    public async Task ScenarioOverridesHoldOnTheRagPath()
    {
        var scenarios = new[] { new ScenarioInput("vip", 10, new Dictionary<string, string> { ["loyalty_tier"] = "platinum", ["addresses.country"] = "CA" }, "") };
        var request = RagServices.Request("user", 10, history: true, scenarios: scenarios);

        var records = await rag.RecordsAsync(request);

        Assert.All(records, r =>
        {
            Assert.Equal("platinum", r["loyalty_tier"]);
            // addresses is optional: where a record has them, every one is Canadian.
            Assert.All(((r.GetValueOrDefault("addresses") as List<object?>) ?? []).Cast<DataRecord>(), a => Assert.Equal("CA", a["country"]));
            Assert.Equal("vip", r[DataRecord.ScenarioField]);
        });
        Assert.Contains(records, r => r.ContainsKey("addresses"));
    }

    [Fact]
    public async Task AnEntityWithoutPatternsGetsTraditionalRecordsAndAWarning()
    {
        using var timeout = new CancellationTokenSource(Deadlines.Hang);
        var request = RagServices.Request("coupon", 5, history: true);

        var result = await rag.Generation.GenerateAsync(request, timeout.Token);

        // The records are traditional ones, and the metadata says so: the path really used, and the one asked for.
        Assert.Equal(GenerationPath.Traditional, result.Metadata.Path);
        Assert.Equal(GenerationPath.Rag, result.Metadata.RequestedPath);
        Assert.Equal(5, result.RecordCount);
        Assert.Contains(result.Metadata.Warnings, w => w.Contains("no stored pattern patterns match coupon", StringComparison.Ordinal));
        Assert.DoesNotContain(RagGenerator.PatternField, result.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASearchNeverReturnsAnotherEntitysPatterns()
    {
        using var timeout = new CancellationTokenSource(Deadlines.Hang);
        // Worded like the cart seeds: the entity filter, not the wording, decides.
        var request = RagServices.Request("product", 5, history: true, context: "a shopping cart holding lipstick, mascara and foundation");

        var hits = await rag.Provider.GetRequiredService<IPatternRetriever>().RetrieveAsync(request, 10, timeout.Token);

        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.StartsWith("seed-product-", h.Id, StringComparison.Ordinal));
        Assert.Equal("seed-product-skincare", hits[0].Id);
    }
}
