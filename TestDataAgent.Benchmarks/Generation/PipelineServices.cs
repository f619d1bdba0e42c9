using Microsoft.Extensions.DependencyInjection;
using TestDataAgent.Generators;

namespace TestDataAgent.Benchmarks.Generation;

/// <summary>Our generation pipeline as the Api composes it, without the transport: options, generators, logging.</summary>
internal static class PipelineServices
{
    public static ServiceProvider Build(int maxSyncRecords, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        configure?.Invoke(services);
        // No providers: the per-request log line is formatted only when a provider wants it, so it costs nothing here.
        services.AddLogging();
        services.AddOptions<GenerationOptions>().Configure(options => options.MaxSyncRecords = maxSyncRecords);
        services.AddTestDataGenerators();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
