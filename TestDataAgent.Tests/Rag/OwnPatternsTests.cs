using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Access;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Rag;

/// <summary>
/// A key with <c>OwnPatternsOnly</c> draws its RAG records only from patterns it recorded itself and the shared corpus
/// (the seeds), never from another caller's; a key without it draws from all. Over gRPC, two keys, one Api.
/// </summary>
public sealed class OwnPatternsTests : IDisposable
{
    private const string Context = "time travel gadgets: a flux capacitor for a DeLorean";

    private readonly TempDirectory _directory = new("tda-own-patterns");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ACallerKeptToItsOwnPatternsNeverGetsAnotherCallersButGetsItsOwn()
    {
        var settings = AccessKeys.Settings(false, ("alice", "key-alice", ["generate", "patterns:write"]), ("bob", "key-bob", ["generate", "patterns:write"]));
        settings["Auth:ApiKeys:alice:OwnPatternsOnly"] = "true";
        settings["Rag:DataDirectory"] = _directory.Path;
        await using var api = ApiHost.Start(settings);

        await RecordAsync(api, "key-bob", "PRD-7000001", "Chrono Flux Capacitor");
        var bobs = await GenerateAsync(api, "key-bob");
        var alicesBefore = await GenerateAsync(api, "key-alice");
        await RecordAsync(api, "key-alice", "PRD-7000002", "Temporal Sundial");
        var alicesAfter = await GenerateAsync(api, "key-alice");

        // Bob's pattern is what this request finds first, so only the setting keeps it from Alice.
        Assert.Contains("Chrono Flux Capacitor", bobs, StringComparison.Ordinal);
        Assert.DoesNotContain("Chrono Flux Capacitor", alicesBefore, StringComparison.Ordinal);
        Assert.DoesNotContain("Chrono Flux Capacitor", alicesAfter, StringComparison.Ordinal);
        Assert.Contains("Temporal Sundial", alicesAfter, StringComparison.Ordinal);
    }

    private static async Task RecordAsync(ApiHost api, string key, string id, string name)
    {
        var record = $$"""[{"product_id":"{{id}}","name":"{{name}}","description":"A {{name}} for time travel in a DeLorean.","price":188.5,"category":"Electronics","sku":"ELE-{{id[^6..]}}","in_stock":true,"stock_quantity":3,"brand":"Brown Labs","created_at":"2025-03-01T10:00:00Z","updated_at":"2025-04-15T10:00:00Z"}]""";
        var response = await api.Client.RecordPatternsAsync(
            new RecordPatternsRequest { Entity = "product", Kind = PatternKind.Pattern, Data = record, Scenario = "time_travel", Description = Context, QualityScore = 1.0 },
            AccessKeys.Key(key), Deadlines.SlowStartCall());
        Assert.Equal(1, response.Stored);
    }

    private static async Task<string> GenerateAsync(ApiHost api, string key)
    {
        var response = await api.Client.GenerateDataAsync(
            new GenerateRequest { Entity = "product", Count = 10, Seed = 4, GenerationMethod = GenerationMethod.Rag, LearnFromHistory = true, Context = Context },
            AccessKeys.Key(key), Deadlines.SlowStartCall());
        Assert.True(response.Success, response.Error);
        return response.Data;
    }
}
