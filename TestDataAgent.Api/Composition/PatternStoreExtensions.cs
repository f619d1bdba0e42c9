using Microsoft.Extensions.AI;
using TestDataAgent.Api.Infrastructure.Embeddings;
using TestDataAgent.Api.Infrastructure.PatternStore;
using TestDataAgent.Api.Infrastructure.Weaviate;
using TestDataAgent.Generators.Rag;
using TestDataAgent.Generators.Rag.Store;

namespace TestDataAgent.Api.Composition;

public static class PatternStoreExtensions
{
    /// <summary>
    /// The RAG path and where its patterns live (options from <c>Rag</c>, validated at start): Weaviate when
    /// <c>ConnectionStrings:weaviate</c> is set, else the embedded store under <c>Rag:DataDirectory</c>; embeddings from
    /// all-MiniLM-L6-v2 in process; the seed corpus loaded in the background; the <c>vector_store</c> health component
    /// (degraded when the embedded store's disk has less than <c>Rag:Embedded:MinFreeDiskBytes</c> free); the embedded
    /// store's budget (<c>Rag:Embedded:MaxPatternsPerCollection</c>, <c>MaxBytesPerCollection</c>) and its metrics.
    /// </summary>
    public static IHostApplicationBuilder AddPatternStore(this IHostApplicationBuilder builder)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddOptions<RagOptions>()
            .BindConfiguration(RagOptions.SectionName)
            .PostConfigure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.DataDirectory))
                {
                    options.DataDirectory = EmbeddedPatternCollections.DefaultDirectory(contentRoot);
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddOptions<EmbeddedStoreOptions>()
            .BindConfiguration(EmbeddedStoreOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>, MiniLmEmbeddingGenerator>();
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ResourceNames.Weaviate)))
        {
            builder.AddWeaviateClient(ResourceNames.Weaviate);
            builder.Services.AddSingleton<IPatternCollections>(sp => sp.GetRequiredService<WeaviatePatternCollections>());
        }
        else
        {
            builder.Services.AddSingleton<PatternStoreMetrics>();
            builder.Services.AddSingleton<IPatternCollections>(sp => new EmbeddedPatternCollections(
                sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<RagOptions>>().Value.DataDirectory,
                sp.GetRequiredService<ILoggerFactory>(),
                sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<EmbeddedStoreOptions>>().Value,
                sp.GetRequiredService<PatternStoreMetrics>()));
        }

        builder.Services.AddTestDataRag();
        builder.Services.AddHostedService<PatternSeedingService>();
        builder.Services.AddHealthChecks().AddCheck<VectorStoreHealthCheck>(VectorStoreHealthCheck.Name, tags: [ServiceHealthExtensions.OutsideSystemTag]);
        return builder;
    }
}
