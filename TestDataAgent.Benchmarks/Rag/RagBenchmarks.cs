extern alias ApiAssembly;
using ApiAssembly::TestDataAgent.Api.Infrastructure.Embeddings;
using ApiAssembly::TestDataAgent.Api.Infrastructure.PatternStore;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using TestDataAgent.Generators;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Pipeline;
using TestDataAgent.Generators.Rag;
using TestDataAgent.Generators.Rag.Store;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Traditional;

namespace TestDataAgent.Benchmarks.Rag;

/// <summary>
/// The RAG path with <see cref="StoredPatterns"/> cart patterns in the embedded store, all in the partition the request
/// searches (the worst case for the entity filter): a 10-record request whose query embedding is cached (a repeated
/// request), one whose query is new each time (MiniLM runs), and MiniLM's throughput. The bulk patterns carry random unit
/// vectors (embedding 10,000 texts would take minutes and does not change the search cost); the seed corpus is real.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class RagBenchmarks
{
    public const int StoredPatterns = 10_000;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"tda-rag-bench-{Guid.NewGuid():N}");
    private ServiceProvider _services = null!;
    private GenerationService _generation = null!;
    private GenerationRequestValidator _validator = null!;
    private IEmbeddingGenerator<string, Embedding<float>> _embedder = null!;
    private GenerationRequest _request = null!;
    private string[] _batch = null!;
    private int _fresh;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<GenerationOptions>();
        services.AddOptions<RagOptions>().Configure(o => o.DataDirectory = _directory);
        services.AddTestDataGenerators();
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>, MiniLmEmbeddingGenerator>();
        services.AddSingleton<IPatternCollections>(new EmbeddedPatternCollections(_directory));
        services.AddTestDataRag();
        _services = services.BuildServiceProvider();
        _generation = _services.GetRequiredService<GenerationService>();
        _validator = _services.GetRequiredService<GenerationRequestValidator>();
        _embedder = _services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        _services.GetRequiredService<PatternLibrary>().SeedAsync(CancellationToken.None).GetAwaiter().GetResult();
        Fill(_services.GetRequiredService<IPatternCollections>().Collection(PatternCategory.Pattern));
        _request = Request("a runner buying trail shoes, socks and a water bottle");
        _batch = [.. Enumerable.Range(0, 32).Select(i => $"customer {i} buying running shoes and a water bottle for a marathon")];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Description = "RAG request, 10 carts, 10k stored, cached query embedding")]
    public Task<GenerationResult> RagRequestCachedQuery() => _generation.GenerateAsync(_request, CancellationToken.None);

    [Benchmark(Description = "RAG request, 10 carts, 10k stored, new query (embeds)")]
    public Task<GenerationResult> RagRequestNewQuery() => _generation.GenerateAsync(Request($"shopper number {_fresh++} buying sports gear"), CancellationToken.None);

    [Benchmark(Description = "MiniLM: embed 1 sentence")]
    public Task<GeneratedEmbeddings<Embedding<float>>> EmbedOne() => _embedder.GenerateAsync([_batch[0]]);

    [Benchmark(Description = "MiniLM: embed 32 sentences", OperationsPerInvoke = 32)]
    public Task<GeneratedEmbeddings<Embedding<float>>> EmbedBatch() => _embedder.GenerateAsync(_batch);

    private GenerationRequest Request(string context) => _validator.Validate(
        new GenerationRequestInput { Entity = "cart", Count = 10, Seed = 42, GenerationMethod = (int)GenerationPath.Rag, LearnFromHistory = true, Context = context },
        RequestMode.Unary);

    private void Fill(Microsoft.Extensions.VectorData.VectorStoreCollection<string, StoredPattern> collection)
    {
        var carts = _services.GetRequiredService<TraditionalGenerator>()
            .GenerateAsync(_validator.Validate(new GenerationRequestInput { Entity = "cart", Count = StoredPatterns, Seed = 7 }, RequestMode.Stream), CancellationToken.None)
            .ToBlockingEnumerable();
        var random = new Random(7);
        var patterns = carts.Select((cart, i) =>
        {
            var vector = new float[StoredPattern.Dimensions];
            for (var d = 0; d < vector.Length; d++)
            {
                vector[d] = (float)((random.NextDouble() * 2) - 1);
            }

            return new StoredPattern
            {
                Id = $"bench-cart-{i:D5}",
                Domain = "ecommerce",
                Entity = "cart",
                Data = RecordJson.ToJson(cart),
                QualityScore = random.NextDouble(),
                UsageCount = random.Next(0, 20),
                Embedding = vector,
            };
        }).ToList();
        collection.UpsertAsync(patterns).GetAwaiter().GetResult();
    }
}
