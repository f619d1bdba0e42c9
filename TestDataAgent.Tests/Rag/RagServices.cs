extern alias ApiAssembly;
using ApiAssembly::TestDataAgent.Api.Infrastructure.Embeddings;
using ApiAssembly::TestDataAgent.Api.Infrastructure.PatternStore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TestDataAgent.Generators;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Pipeline;
using TestDataAgent.Generators.Rag;
using TestDataAgent.Generators.Rag.Store;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Rag;

/// <summary>
/// The generation pipeline with the RAG path on the embedded store (a temporary directory), the real MiniLM model
/// (loaded once per test run: the encoder is shared by the process) and the seed corpus loaded.
/// </summary>
public sealed class RagServices : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _dataDirectory = new("tda-rag-unit");

    public string DataDirectory => _dataDirectory.Path;

    public ServiceProvider Provider { get; private set; } = null!;

    public GenerationService Generation => Provider.GetRequiredService<GenerationService>();

    public PatternLibrary Library => Provider.GetRequiredService<PatternLibrary>();

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Options.Create(new GenerationOptions()));
        services.AddOptions<RagOptions>().Configure(o => o.DataDirectory = DataDirectory);
        services.AddTestDataGenerators();
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>, MiniLmEmbeddingGenerator>();
        services.AddSingleton<IPatternCollections>(new EmbeddedPatternCollections(DataDirectory));
        services.AddTestDataRag();
        Provider = services.BuildServiceProvider();
        using var timeout = new CancellationTokenSource(Deadlines.SlowStartHang);
        await Library.SeedAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        await Provider.DisposeAsync();
    }

    public void Dispose() => _dataDirectory.Dispose();

    public static GenerationRequest Request(string entity, int count, long seed = 7, bool history = false, bool defects = false, bool productionLike = false,
        string context = "", IReadOnlyList<ScenarioInput>? scenarios = null) =>
        TestRequests.Validator().Validate(new GenerationRequestInput
        {
            Entity = entity,
            Count = count,
            Seed = seed,
            ReferenceTime = "2026-06-01T12:00:00Z",
            LearnFromHistory = history,
            DefectTriggering = defects,
            ProductionLike = productionLike,
            Context = context,
            Scenarios = scenarios ?? [],
        }, RequestMode.Unary);

    public async Task<List<DataRecord>> RecordsAsync(GenerationRequest request)
    {
        using var timeout = new CancellationTokenSource(Deadlines.Hang);
        var generator = Provider.GetServices<IRecordGenerator>().Single(g => g.Path == GenerationPath.Rag);
        var records = new List<DataRecord>();
        await foreach (var record in generator.GenerateAsync(request, new GenerationReport(), timeout.Token))
        {
            records.Add(record);
        }

        return records;
    }
}

[CollectionDefinition(Name)]
public sealed class RagGroup : ICollectionFixture<RagServices>
{
    public const string Name = "rag";
}
