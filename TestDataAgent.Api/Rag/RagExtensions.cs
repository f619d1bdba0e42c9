using TestDataAgent.Api.Health;
using TestDataAgent.Api.Rag;
using TestDataAgent.Generators.Rag;
using TestDataAgent.Generators.Rag.Store;

namespace Microsoft.Extensions.Hosting;

public static class RagExtensions
{
    /// <summary>The connection name shared with the AppHost: <c>ConnectionStrings:weaviate</c>.</summary>
    public const string WeaviateConnectionName = "weaviate";

    /// <summary>
    /// Adds the RAG path (options from the <c>Rag</c> section, validated at start): Weaviate when
    /// <c>ConnectionStrings:weaviate</c> is set, else the embedded store under <c>Rag:DataDirectory</c>; the seed corpus
    /// loaded in the background; the <c>RecordPatterns</c> service; and the <c>vector_store</c> health component.
    /// </summary>
    public static IHostApplicationBuilder AddTestDataAgentRag(this IHostApplicationBuilder builder)
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

        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(WeaviateConnectionName)))
        {
            builder.AddWeaviateClient(WeaviateConnectionName);
            builder.Services.AddSingleton<IPatternCollections>(sp => sp.GetRequiredService<TestDataAgent.Generators.Rag.Weaviate.WeaviatePatternCollections>());
        }

        builder.Services.AddTestDataRag();
        builder.Services.AddHostedService<RagSeedingService>();
        builder.Services.AddHealthChecks().AddCheck<VectorStoreHealthCheck>(VectorStoreHealthCheck.Name);
        return builder;
    }
}
