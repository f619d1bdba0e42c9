extern alias ApiAssembly;
using System.Diagnostics.Metrics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiAssembly::TestDataAgent.Api.Infrastructure.PatternStore;
using Microsoft.Extensions.DependencyInjection;
using TestDataAgent.Generators.Rag.Store;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Rag;

/// <summary>
/// The embedded store keeps within its budget (issue 14, item 5): writes evict by the policy (recorded before seeds,
/// lowest quality, least used, oldest), a restart loads at most the budget whatever the log holds, and the log's lines
/// are the stored pattern itself, old lines included (no model needed).
/// </summary>
public sealed class PatternStoreBudgetTests : IDisposable
{
    private readonly TempDirectory _directory = new("tda-budget");
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose()
    {
        _services.Dispose();
        _directory.Dispose();
    }

    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    private static StoredPattern Pattern(string id, double quality, long usage = 0, int day = 1)
    {
        var pattern = EmbeddedStoreTests.Pattern(id, "cart", id.Sum(c => c) % StoredPattern.Dimensions);
        pattern.QualityScore = quality;
        pattern.UsageCount = usage;
        pattern.CreatedAt = new DateTimeOffset(2026, 3, day, 0, 0, 0, TimeSpan.Zero);
        return pattern;
    }

    private EmbeddedPatternCollection Open(PatternBudget budget, PatternStoreMetrics? metrics = null) =>
        new("TestDataPattern", _directory.Path, null, null, budget, metrics);

    private static async Task<SortedSet<string>> IdsAsync(EmbeddedPatternCollection store)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var pattern in store.GetAsync(p => p.Entity == "cart", 100_000))
        {
            ids.Add(pattern.Id);
        }

        return ids;
    }

    [Fact]
    public async Task AStoreOverItsBudgetEvictsRecordedPatternsLowestQualityThenLeastUsedThenOldestAndKeepsTheSeeds()
    {
        var metrics = new PatternStoreMetrics(Meters);
        using var evictions = new CounterRecorder(Meters, "testdata_pattern_store_evictions", "reason");
        using var store = Open(new PatternBudget(5, long.MaxValue), metrics);

        // Seeds with the lowest quality of all: still the last to go.
        await store.UpsertAsync([Pattern("seed-a", 0.1), Pattern("seed-b", 0.1)]);
        await store.UpsertAsync([Pattern("pat-good", 0.9), Pattern("pat-used", 0.5, usage: 3), Pattern("pat-new", 0.5, day: 20)]);
        await store.UpsertAsync(Pattern("pat-old", 0.5, day: 2)); // equal quality: the least used, then the oldest, goes: pat-new
        await store.UpsertAsync(Pattern("pat-low", 0.2)); // pat-old (unused) before pat-used
        await store.UpsertAsync([Pattern("pat-x", 0.3), Pattern("pat-y", 0.3)]); // pat-low (0.2), then pat-used (0.5)

        Assert.Equal(["pat-good", "pat-x", "pat-y", "seed-a", "seed-b"], await IdsAsync(store));
        Assert.Equal(5, store.Count);
        Assert.Equal(4, evictions["write"]);
    }

    [Fact]
    public async Task AmongEquallyGoodAndEquallyUsedPatternsTheOldestGoesFirst()
    {
        using var store = Open(new PatternBudget(2, long.MaxValue));

        await store.UpsertAsync([Pattern("pat-recent", 0.5, usage: 1, day: 9), Pattern("pat-older", 0.5, usage: 1, day: 3)]);
        await store.UpsertAsync(Pattern("pat-newest", 0.4, day: 10));

        Assert.Equal(["pat-newest", "pat-recent"], await IdsAsync(store));
    }

    [Fact]
    public async Task AStoreOverItsByteBudgetKeepsNoMoreBytesThanTheBudget()
    {
        var size = PatternBudget.Footprint(Pattern("pat-00", 0.5));
        using var store = Open(new PatternBudget(1_000, 10 * size));

        for (var i = 0; i < 30; i++)
        {
            await store.UpsertAsync(Pattern($"pat-{i:D2}", 0.5, day: 1 + (i % 28)));
        }

        Assert.Equal(10, store.Count);
        Assert.True(store.Bytes <= 10 * size, $"{store.Bytes} bytes held, budget {10 * size}");
    }

    [Fact]
    public async Task ARestartAfterManyWritesLoadsAtMostTheBudgetKeepingTheBestAndCompactsTheRest()
    {
        using (var unbounded = Open(new PatternBudget(100_000, long.MaxValue)))
        {
            for (var batch = 0; batch < 20; batch++)
            {
                await unbounded.UpsertAsync(Enumerable.Range(batch * 20, 20).Select(i => Pattern($"pat-{i:D3}", i / 400.0)));
            }

            Assert.Equal(400, unbounded.Count);
        }

        var metrics = new PatternStoreMetrics(Meters);
        using var evictions = new CounterRecorder(Meters, "testdata_pattern_store_evictions", "reason");
        string path;
        using (var bounded = Open(new PatternBudget(50, long.MaxValue), metrics))
        {
            path = bounded.FilePath;
            Assert.Equal(50, bounded.Count);
            Assert.Equal(Enumerable.Range(350, 50).Select(i => $"pat-{i:D3}"), await IdsAsync(bounded));
        }

        Assert.Equal(350, evictions["load"]);
        Assert.Equal(50, File.ReadAllLines(path).Length);
        using var again = Open(new PatternBudget(50, long.MaxValue), metrics);
        Assert.Equal(50, again.Count);
        Assert.Equal(350, evictions["load"]);
    }

    [Fact]
    public void LoadingNeverHoldsMoreThanAnEighthOverTheBudget()
    {
        var loading = new BudgetedRecords(new PatternBudget(80, long.MaxValue));
        var most = 0;

        for (var i = 0; i < 1_000; i++)
        {
            loading.Upsert(Pattern($"pat-{i:D4}", (i * 37 % 100) / 100.0));
            most = Math.Max(most, loading.Records.Count);
        }

        loading.Trim();

        Assert.InRange(most, 81, 90);
        Assert.Equal(80, loading.Records.Count);
        Assert.Equal(920, loading.Evicted);
        Assert.Equal(loading.Records.Values.Sum(PatternBudget.Footprint), loading.Bytes);
    }

    [Fact]
    public async Task ARestartLoadsExactlyWhatTheStoreHeldAfterEvictingWrites()
    {
        SortedSet<string> before;
        using (var store = Open(new PatternBudget(10, long.MaxValue)))
        {
            // Newly written patterns often rank below what is stored, so replaying evictions in the wrong order would lose others.
            for (var call = 0; call < 15; call++)
            {
                await store.UpsertAsync(Enumerable.Range(call * 3, 3).Select(i => Pattern($"pat-{i:D2}", (i * 37 % 100) / 100.0)));
            }

            before = await IdsAsync(store);
        }

        using var reopened = Open(new PatternBudget(10, long.MaxValue));

        Assert.Equal(10, before.Count);
        Assert.Equal(before, await IdsAsync(reopened));
    }

    [Fact]
    public async Task ALineInTheFormatOfTheSeparateLineTypeStillLoads()
    {
        var vector = new float[StoredPattern.Dimensions];
        vector[7] = 0.5f;
        // As PatternLine wrote it: snake case, the text before the vector, the vector as base64 of its floats.
        var entry = new JsonObject
        {
            ["op"] = "upsert",
            ["record"] = new JsonObject
            {
                ["id"] = "pat-legacy",
                ["domain"] = "ecommerce",
                ["entity"] = "cart",
                ["scenario"] = "abandoned",
                ["description"] = "left in the cart",
                ["data"] = "{\"n\":1}",
                ["distributions"] = "",
                ["severity"] = "",
                ["quality_score"] = 0.75,
                ["usage_count"] = 2,
                ["created_at"] = new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.Zero),
                ["embedded_text"] = "cart abandoned",
                ["embedding"] = Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())),
            },
        }.ToJsonString();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(entry)))[..16];
        Directory.CreateDirectory(_directory.Path);
        await File.WriteAllTextAsync(Path.Combine(_directory.Path, "TestDataPattern.jsonl"), $"{{\"sha256\":\"{hash}\",\"entry\":{entry}}}\n");

        string written;
        using (var store = Open(PatternBudget.Default))
        {
            var loaded = await store.GetAsync("pat-legacy");
            Assert.NotNull(loaded);
            Assert.Equal(("ecommerce", "cart", "abandoned", "left in the cart", "{\"n\":1}"), (loaded.Domain, loaded.Entity, loaded.Scenario, loaded.Description, loaded.Data));
            Assert.Equal((0.75, 2L, new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.Zero), "cart abandoned"), (loaded.QualityScore, loaded.UsageCount, loaded.CreatedAt, loaded.EmbeddedText));
            Assert.Equal(vector, loaded.Embedding.ToArray());
            Assert.False(File.Exists(store.QuarantinePath));
            await store.UpsertAsync(Pattern("pat-new", 0.5));
            written = File.ReadAllLines(store.FilePath)[^1];
        }

        // The stored pattern written directly has the old line's shape, plus the owners added since (a line without them loads).
        using var old = JsonDocument.Parse(entry);
        using var now = JsonDocument.Parse(written);
        Assert.Equal(
            old.RootElement.GetProperty("record").EnumerateObject().Select(p => p.Name).Append("owners").Order(StringComparer.Ordinal),
            now.RootElement.GetProperty("entry").GetProperty("record").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheGaugesShowWhatALoadedCollectionHolds()
    {
        var metrics = new PatternStoreMetrics(Meters);
        using var store = Open(new PatternBudget(3, long.MaxValue), metrics);
        await store.UpsertAsync([Pattern("pat-1", 0.5), Pattern("pat-2", 0.5), Pattern("pat-3", 0.5), Pattern("pat-4", 0.5)]);

        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == Meters && instrument.Name.StartsWith("testdata_pattern_store_", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (tags.ToArray().Any(t => t.Key == "collection" && Equals(t.Value, "TestDataPattern")))
            {
                seen[instrument.Name] = value;
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();

        Assert.Equal(3, seen["testdata_pattern_store_patterns"]);
        Assert.Equal(store.Bytes, seen["testdata_pattern_store_bytes"]);
    }
}
