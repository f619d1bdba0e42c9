using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.VectorData;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Generators.Rag;
using TestDataAgent.Generators.Rag.Store;
using TestDataAgent.Tests.Access;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Rag;

/// <summary>
/// Recorded patterns carry who sent them, and re-sending the same record cannot raise its usage or quality: only another
/// caller recording it counts, once.
/// </summary>
public sealed class PatternOwnerTests : IDisposable
{
    private const string Record = """[{"order_item_id":"OI-2026-0000001","order_id":"ORD-2026-0000001","product_id":"PRD-0000001","sku":"SKU-1","quantity":2,"unit_price":10.0,"total_price":20.0,"status":"delivered"}]""";

    private readonly TempDirectory _directory = new("tda-owners");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task TheSameCallerResendingChangesNothingAndAnotherCallerCountsOnce()
    {
        var settings = AccessKeys.Settings(false, ("alice", "key-alice", ["patterns:write"]), ("bob", "key-bob", ["patterns:write"]));
        settings["Rag:DataDirectory"] = _directory.Path;
        settings["Rag:SeedOnStartup"] = "false";
        await using var api = ApiHost.Start(settings);

        var first = await RecordAsync(api, "key-alice", 0.4);
        var id = Assert.Single(first.Ids);
        var afterFirst = await StoredAsync(api, id);
        await RecordAsync(api, "key-alice", 1.0);
        await RecordAsync(api, "key-alice", 1.0);
        var afterResend = await StoredAsync(api, id);
        await RecordAsync(api, "key-bob", 0.8);
        var afterBob = await StoredAsync(api, id);
        await RecordAsync(api, "key-bob", 1.0);
        var afterBobAgain = await StoredAsync(api, id);

        Assert.Equal((0L, 0.4, "key:alice"), (afterFirst.UsageCount, afterFirst.QualityScore, afterFirst.Owners));
        Assert.Equal((0L, 0.4, "key:alice"), (afterResend.UsageCount, afterResend.QualityScore, afterResend.Owners));
        Assert.Equal((1L, 0.8, "key:alice\nkey:bob"), (afterBob.UsageCount, afterBob.QualityScore, afterBob.Owners));
        Assert.Equal((1L, 0.8), (afterBobAgain.UsageCount, afterBobAgain.QualityScore));
        Assert.Equal(afterFirst.CreatedAt, afterBobAgain.CreatedAt);
    }

    private static Task<RecordPatternsResponse> RecordAsync(ApiHost api, string key, double quality) =>
        api.Client.RecordPatternsAsync(
            new RecordPatternsRequest { Entity = "order_item", Kind = PatternKind.Pattern, Data = Record, Scenario = "lamp", QualityScore = quality, Synthetic = true },
            AccessKeys.Key(key), Deadlines.SlowStartCall()).ResponseAsync;

    private static async Task<StoredPattern> StoredAsync(ApiHost api, string id)
    {
        var collection = api.Services.GetRequiredService<IPatternCollections>().Collection(PatternCategory.Pattern);
        var stored = await collection.GetAsync(id, new RecordRetrievalOptions { IncludeVectors = false });
        Assert.NotNull(stored);
        return stored;
    }
}
