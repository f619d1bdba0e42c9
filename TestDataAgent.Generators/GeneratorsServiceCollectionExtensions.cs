using Microsoft.Extensions.DependencyInjection.Extensions;
using TestDataAgent.Generators;
using TestDataAgent.Generators.Caching;
using TestDataAgent.Generators.Catalog;
using TestDataAgent.Generators.Coherence;
using TestDataAgent.Generators.Datasets;
using TestDataAgent.Generators.Datasets.Checking;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Hybrid;
using TestDataAgent.Generators.Llm;
using TestDataAgent.Generators.Observability;
using TestDataAgent.Generators.Pipeline;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Routing;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Traditional;
using TestDataAgent.Generators.Validation;

namespace Microsoft.Extensions.DependencyInjection;

public static class GeneratorsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the generation pipeline: the schema registry (built-ins plus <paramref name="schemaDirectory"/>), request
    /// validation, the router, the traditional and LLM generators (the LLM path is available once an
    /// <see cref="LlmProviderSet"/> with providers is registered), validation, coherence scoring and output writers.
    /// Options come from <see cref="GenerationOptions"/>; register them before calling this.
    /// </summary>
    public static IServiceCollection AddTestDataGenerators(this IServiceCollection services, string? schemaDirectory = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISchemaRegistry>(_ => SchemaRegistry.Load(schemaDirectory));
        services.TryAddSingleton(_ => ThemeCatalog.Default);
        services.TryAddSingleton<SchemaResolver>();
        services.TryAddSingleton<GenerationRequestValidator>();
        services.TryAddSingleton<IntelligenceRouter>();
        services.TryAddSingleton<RecordValidator>();
        services.TryAddSingleton<CoherenceScorer>();
        services.AddOptions<ValidationOptions>();
        services.TryAddSingleton<JsonSchemaValidator>();
        services.TryAddSingleton<DataValidationService>();
        services.TryAddSingleton<TraditionalGenerator>();
        services.AddSingleton<IRecordGenerator>(sp => sp.GetRequiredService<TraditionalGenerator>());
        services.AddOptions<LlmOptions>();
        services.TryAddSingleton(LlmProviderSet.None);
        services.TryAddSingleton<LlmThrottle>();
        services.TryAddSingleton<LlmCallGate>();
        services.TryAddSingleton<LlmPromptBuilder>();
        services.TryAddSingleton<LlmCaller>();
        services.TryAddSingleton<LlmGenerator>();
        services.AddSingleton<IRecordGenerator>(sp => sp.GetRequiredService<LlmGenerator>());
        services.AddOptions<HybridOptions>();
        services.TryAddSingleton<HybridGenerator>();
        services.AddSingleton<IRecordGenerator>(sp => sp.GetRequiredService<HybridGenerator>());
        services.TryAddSingleton<TraditionalExamples>();
        services.TryAddSingleton<SchemaCatalog>();
        services.TryAddSingleton<GenerationService>();
        services.TryAddSingleton<RequestPipeline>();
        services.AddOptions<DatasetOptions>();
        services.TryAddSingleton<DatasetPlanner>();
        services.TryAddSingleton<DatasetService>();
        services.TryAddSingleton<DatasetCheckService>();
        services.AddMetrics();
        services.TryAddSingleton<TestDataMetrics>();
        services.AddHybridCache();
        services.TryAddSingleton<ICacheHealth, InMemoryCacheHealth>();
        services.TryAddSingleton<ResponseCache>();
        services.AddOptions<PoolOptions>();
        services.TryAddSingleton<IRecordPool, InMemoryRecordPool>();
        services.TryAddSingleton<RecordPools>();
        return services;
    }
}
