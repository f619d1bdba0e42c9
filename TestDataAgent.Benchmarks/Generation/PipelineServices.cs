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
        services.AddOptions<GenerationOptions>().Configure(options =>
        {
            options.MaxSyncRecords = maxSyncRecords;
            // A benchmark of 100,000 records in one answer is far over the 4 MiB a default gRPC client takes; in process it is fine.
            options.MaxUnaryResponseBytes = 512 * 1024 * 1024;
        });
        services.AddTestDataGenerators();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
