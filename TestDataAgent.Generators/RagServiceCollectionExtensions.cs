using Microsoft.Extensions.DependencyInjection.Extensions;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Rag;

namespace Microsoft.Extensions.DependencyInjection;

public static class RagServiceCollectionExtensions
{
    /// <summary>
    /// Adds the RAG path: the pattern library, the <see cref="IPatternRetriever"/>, the RAG generator and personal-data
    /// scrubbing. The host registers the infrastructure it runs on: an <see cref="Microsoft.Extensions.AI.IEmbeddingGenerator{TInput, TEmbedding}"/>
    /// and the <see cref="TestDataAgent.Generators.Rag.Store.IPatternCollections"/> of a store. Call after <c>AddTestDataGenerators</c>; options come from
    /// <see cref="RagOptions"/>.
    /// </summary>
    public static IServiceCollection AddTestDataRag(this IServiceCollection services)
    {
        services.AddOptions<RagOptions>();
        services.TryAddSingleton<PersonalDataScrubber>();
        services.TryAddSingleton<PatternLibrary>();
        services.TryAddSingleton<PatternSearch>();
        services.TryAddSingleton<IPatternStoreVersion>(sp => sp.GetRequiredService<PatternLibrary>());
        services.TryAddSingleton<PatternRetriever>();
        services.TryAddSingleton<IPatternRetriever>(sp => sp.GetRequiredService<PatternRetriever>());
        services.TryAddSingleton<RagGenerator>();
        services.AddSingleton<IRecordGenerator>(sp => sp.GetRequiredService<RagGenerator>());
        return services;
    }
}
