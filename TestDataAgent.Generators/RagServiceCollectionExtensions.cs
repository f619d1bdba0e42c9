using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Rag;
using TestDataAgent.Generators.Rag.Store;

namespace Microsoft.Extensions.DependencyInjection;

public static class RagServiceCollectionExtensions
{
    /// <summary>
    /// Adds the RAG path: the pattern library, the <see cref="IPatternRetriever"/>, the RAG generator and personal-data
    /// scrubbing. Embeddings default to all-MiniLM-L6-v2 in process and the store to the embedded one under
    /// <see cref="RagOptions.DataDirectory"/>; register another <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> or
    /// <see cref="IPatternCollections"/> first to replace them. Call after <c>AddTestDataGenerators</c>; options come
    /// from <see cref="RagOptions"/>.
    /// </summary>
    public static IServiceCollection AddTestDataRag(this IServiceCollection services)
    {
        services.AddOptions<RagOptions>();
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>, MiniLmEmbeddingGenerator>();
        services.TryAddSingleton<IPatternCollections>(sp =>
        {
            var directory = sp.GetRequiredService<IOptions<RagOptions>>().Value.DataDirectory;
            return new EmbeddedPatternCollections(directory.Length > 0 ? directory : EmbeddedPatternCollections.DefaultDirectory(AppContext.BaseDirectory));
        });
        services.TryAddSingleton<PersonalDataScrubber>();
        services.TryAddSingleton<PatternLibrary>();
        services.TryAddSingleton<IPatternStoreVersion>(sp => sp.GetRequiredService<PatternLibrary>());
        services.TryAddSingleton<PatternRetriever>();
        services.TryAddSingleton<IPatternRetriever>(sp => sp.GetRequiredService<PatternRetriever>());
        services.TryAddSingleton<RagGenerator>();
        services.AddSingleton<IRecordGenerator>(sp => sp.GetRequiredService<RagGenerator>());
        return services;
    }
}
