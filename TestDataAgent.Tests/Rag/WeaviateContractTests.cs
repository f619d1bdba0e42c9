extern alias ApiAssembly;
using System.Text.Json;
using ApiAssembly::TestDataAgent.Api.Infrastructure.Weaviate;
using Microsoft.Extensions.VectorData;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Generators.Rag;
using TestDataAgent.Generators.Rag.Store;
using TestDataAgent.Tests.Infrastructure;
using TestDataAgent.Tests.StandIns;

namespace TestDataAgent.Tests.Rag;

/// <summary>The Weaviate pattern store against a stand-in Weaviate that checks the request shapes.</summary>
public sealed class WeaviateContractTests
{
    private static WeaviatePatternCollection Collection(WeaviateStandIn weaviate, HttpClient http) =>
        new("TestDataPattern", new WeaviateClient(() => http), _ => { });

    [Fact]
    public async Task UpsertsUseDeterministicUuidsAndSearchesFilterByEntityAndDomain()
    {
        await using var weaviate = await WeaviateStandIn.StartAsync();
        using var http = new HttpClient { BaseAddress = weaviate.Endpoint, Timeout = Deadlines.SlowStartHang };
        using var collection = Collection(weaviate, http);

        await collection.EnsureCollectionExistsAsync();
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync([EmbeddedStoreTests.Pattern("cart-near", "cart", 10), EmbeddedStoreTests.Pattern("cart-far", "cart", 90), EmbeddedStoreTests.Pattern("user-near", "user", 10)]);
        await collection.UpsertAsync(EmbeddedStoreTests.Pattern("cart-near", "cart", 10));
        var query = new float[StoredPattern.Dimensions];
        query[10] = 1;
        var results = await collection.SearchAsync(query, 5, new VectorSearchOptions<StoredPattern> { Filter = p => p.Entity == "cart" && p.Domain == "ecommerce" }).ToListAsync();
        var fetched = await collection.GetAsync("cart-far");

        Assert.Single(weaviate.Classes);
        Assert.Equal(3, weaviate.Objects.Count);
        Assert.Contains(("TestDataPattern", PatternIds.Uuid("TestDataPattern", "cart-near")), weaviate.Objects.Keys);
        Assert.Equal(["cart-near", "cart-far"], results.Select(r => r.Record.Id));
        Assert.True(results[0].Score > 0.9);
        Assert.Contains("where: {operator: And, operands: [{path: [\"domain\"], operator: Equal, valueText: \"ecommerce\"}, {path: [\"entity\"], operator: Equal, valueText: \"cart\"}]}", weaviate.GraphQlQueries.Last(), StringComparison.Ordinal);
        Assert.Equal("cart", fetched!.Entity);
        Assert.Equal(StoredPattern.Dimensions, fetched.Embedding.Length);
        Assert.Null(await collection.GetAsync("missing"));
    }

    [Fact]
    public void UuidsAreStableVersionFiveStyleAndDifferPerCollection()
    {
        var id = PatternIds.Uuid("TestDataPattern", "seed-cart-fitness-shopping");

        Assert.Equal(id, PatternIds.Uuid("TestDataPattern", "seed-cart-fitness-shopping"));
        Assert.NotEqual(id, PatternIds.Uuid("DefectPattern", "seed-cart-fitness-shopping"));
        Assert.Equal('5', id.ToString("D")[14]);
    }

    [Fact]
    public void TheConnectionStringGivesTheEndpointAndKey()
    {
        var settings = new WeaviateSettings();
        settings.ParseConnectionString("Endpoint=http://weaviate:8080;Key=secret");

        Assert.Equal(new Uri("http://weaviate:8080"), settings.Endpoint);
        Assert.Equal("secret", settings.Key);
        Assert.Throws<FormatException>(() => new WeaviateSettings().ParseConnectionString("Key=only"));
    }

    [Fact]
    public async Task TheApiRecordsAndRetrievesThroughWeaviateWithTheBearerKeyAndReportsItsHealth()
    {
        await using var weaviate = await WeaviateStandIn.StartAsync();
        await using var api = ApiHost.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings:redis"] = "",
            ["ConnectionStrings:weaviate"] = $"Endpoint={weaviate.Endpoint};Key=test-key",
            ["Rag:SeedOnStartup"] = "false",
            // Probe on every call: this test watches the state change at once.
            ["Health:ProbeCacheSeconds"] = "0",
        });
        var deadline = Deadlines.SlowStartCall();
        var request = new RecordPatternsRequest
        {
            Entity = "review",
            Kind = Contracts.V1.PatternKind.Defect,
            Severity = "high",
            Synthetic = true,
            Description = "a review written entirely in emoji",
            Data = """[{"review_id":"REV-1","product_id":"PRD-1","user_id":"USR-1","rating":5,"title":"🎉🎉🎉🎉🎉","body":"🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀","verified_purchase":true,"helpful_votes":3,"created_at":"2025-01-01T00:00:00Z"}]""",
        };

        var stored = await api.Client.RecordPatternsAsync(request, deadline: deadline);
        var generated = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "review", Count = 3, Seed = 1, GenerationMethod = GenerationMethod.Rag, DefectTriggering = true, Context = "emoji only reviews" }, deadline: deadline);
        var healthy = await api.Client.HealthCheckAsync(new HealthCheckRequest(), deadline: deadline);
        weaviate.Up = false;
        var degraded = await api.Client.HealthCheckAsync(new HealthCheckRequest(), deadline: deadline);
        var fallback = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "review", Count = 3, Seed = 1, GenerationMethod = GenerationMethod.Rag, DefectTriggering = true }, deadline: deadline);

        Assert.Contains("DefectPattern", weaviate.Classes.Keys);
        Assert.All(weaviate.Authorizations, a => Assert.Equal("Bearer test-key", a));
        Assert.True(generated.Success, generated.Error);
        Assert.Empty(generated.Metadata.Warnings);
        using (var data = JsonDocument.Parse(generated.Data))
        {
            Assert.All(data.RootElement.EnumerateArray(), r => Assert.Equal(stored.Ids[0], r.GetProperty("_pattern").GetString()));
            Assert.Equal("🎉🎉🎉🎉🎉", data.RootElement[0].GetProperty("title").GetString());
        }

        Assert.Equal("healthy", healthy.Components["vector_store"]);
        Assert.Equal("degraded", degraded.Components["vector_store"]);
        Assert.Equal("healthy", degraded.Status);
        // Weaviate down never fails a request: traditional records, and the warnings say why.
        Assert.True(fallback.Success, fallback.Error);
        Assert.Equal(3, fallback.RecordCount);
        Assert.Contains(fallback.Metadata.Warnings, w => w.Contains("weaviate", StringComparison.OrdinalIgnoreCase));
        // Recording while Weaviate is down: nothing acknowledged, a retryable status.
        var refused = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => api.Client.RecordPatternsAsync(request, deadline: deadline).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.Unavailable, refused.StatusCode);
    }
}
