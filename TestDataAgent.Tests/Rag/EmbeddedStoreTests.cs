extern alias ApiAssembly;
using ApiAssembly::TestDataAgent.Api.Infrastructure.PatternStore;
using Microsoft.Extensions.VectorData;
using TestDataAgent.Generators.Rag.Store;

using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Rag;

/// <summary>The embedded vector collection: persistence, crash safety, filters and search (no model needed).</summary>
public sealed class EmbeddedStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new("tda-store");

    public void Dispose() => _directory.Dispose();

    internal static StoredPattern Pattern(string id, string entity, int axis, string domain = "ecommerce")
    {
        var vector = new float[StoredPattern.Dimensions];
        vector[axis] = 1;
        vector[(axis + 1) % vector.Length] = 0.25f;
        return new StoredPattern { Id = id, Entity = entity, Domain = domain, Data = $"{{\"n\":\"{id}\"}}", Embedding = vector, QualityScore = 0.5 };
    }

    private static float[] Axis(int axis)
    {
        var vector = new float[StoredPattern.Dimensions];
        vector[axis] = 1;
        return vector;
    }

    [Fact]
    public async Task AnAcknowledgedUpsertIsThereAfterReopeningAndADeleteStaysDeleted()
    {
        using (var store = new EmbeddedPatternCollection("TestDataPattern", _directory.Path))
        {
            await store.UpsertAsync([Pattern("a", "cart", 1), Pattern("b", "cart", 2), Pattern("c", "user", 3)]);
            await store.DeleteAsync("b");
            await store.UpsertAsync(Pattern("a", "cart", 4));
        }

        using var reopened = new EmbeddedPatternCollection("TestDataPattern", _directory.Path);
        var a = await reopened.GetAsync("a");

        Assert.Equal(2, reopened.Count);
        Assert.Null(await reopened.GetAsync("b"));
        Assert.Equal(1f, a!.Embedding.Span[4]);
    }

    [Fact]
    public async Task ATornLastLineIsSkippedAndTheNextWriteIsReadBack()
    {
        string path;
        using (var store = new EmbeddedPatternCollection("DefectPattern", _directory.Path))
        {
            await store.UpsertAsync([Pattern("a", "cart", 1), Pattern("b", "cart", 2)]);
            path = store.FilePath;
        }

        // A crash in the middle of an append: half a line, no newline.
        var full = await File.ReadAllTextAsync(path);
        var lastLine = full.TrimEnd('\n').Split('\n')[^1];
        await File.AppendAllTextAsync(path, lastLine[..(lastLine.Length / 2)]);

        using (var recovered = new EmbeddedPatternCollection("DefectPattern", _directory.Path))
        {
            Assert.Equal(2, recovered.Count);
            await recovered.UpsertAsync(Pattern("c", "cart", 3));
        }

        using var again = new EmbeddedPatternCollection("DefectPattern", _directory.Path);
        Assert.Equal(3, again.Count);
        Assert.NotNull(await again.GetAsync("c"));
    }

    [Fact]
    public async Task SearchIsFilteredByEntityAndDomainAndRankedByCosineSimilarity()
    {
        using var store = new EmbeddedPatternCollection("TestDataPattern", _directory.Path);
        await store.UpsertAsync([Pattern("cart-near", "cart", 10), Pattern("cart-far", "cart", 200), Pattern("user-nearest", "user", 10), Pattern("cart-other-domain", "cart", 10, "banking")]);
        var entity = "cart";
        var domain = "ecommerce";

        var results = await store.SearchAsync(Axis(10), 10, new VectorSearchOptions<StoredPattern> { Filter = p => p.Entity == entity && p.Domain == domain }).ToListAsync();

        Assert.Equal(["cart-near", "cart-far"], results.Select(r => r.Record.Id));
        Assert.True(results[0].Score > 0.9 && results[1].Score < 0.1);
    }

    [Fact]
    public async Task FilteredGetsReturnMatchingRecordsInIdOrderAndDeletingTheCollectionRemovesItsFile()
    {
        using var store = new EmbeddedPatternCollection("ProductionSample", _directory.Path);
        await store.UpsertAsync([Pattern("c2", "cart", 1), Pattern("u1", "user", 2), Pattern("c1", "cart", 3)]);

        var carts = await store.GetAsync(p => p.Entity == "cart", 10).ToListAsync();
        var first = await store.GetAsync(p => p.Entity == "cart", 1).ToListAsync();
        await store.EnsureCollectionDeletedAsync();

        Assert.Equal(["c1", "c2"], carts.Select(c => c.Id));
        Assert.Equal(["c1"], first.Select(c => c.Id));
        Assert.True(carts.All(c => c.Embedding.IsEmpty));
        Assert.False(File.Exists(store.FilePath));
        Assert.False(await store.CollectionExistsAsync());
    }

    [Fact]
    public async Task FiltersTheStoreCannotHonourAreRefusedNotIgnored()
    {
        using var store = new EmbeddedPatternCollection("TestDataPattern", _directory.Path);
        await store.UpsertAsync(Pattern("a", "cart", 1));

        await Assert.ThrowsAsync<NotSupportedException>(async () =>
            await store.SearchAsync(Axis(1), 1, new VectorSearchOptions<StoredPattern> { Filter = p => p.QualityScore > 0.3 }).ToListAsync());
        await Assert.ThrowsAsync<NotSupportedException>(async () => await store.SearchAsync("text", 1).ToListAsync());
    }
}
