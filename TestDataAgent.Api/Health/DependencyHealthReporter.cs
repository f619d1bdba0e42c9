using Microsoft.Extensions.Diagnostics.HealthChecks;
using TestDataAgent.Api.Infrastructure.Llm;

namespace TestDataAgent.Api.Health;

/// <summary>
/// Runs every registered health check and names each component's state as the wire reports it:
/// <c>healthy</c>, <c>degraded</c>, <c>unavailable</c>, or <c>not_configured</c> for a dependency that is not set up.
/// </summary>
public sealed class DependencyHealthReporter(HealthCheckService healthChecks, IConfiguration configuration, ConfiguredLlmProviders llm)
{
    public async Task<HealthSnapshot> CheckAsync(CancellationToken cancellationToken)
    {
        var report = await healthChecks.CheckHealthAsync(cancellationToken);
        var components = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, entry) in report.Entries)
        {
            if (entry.Tags.Contains("live"))
            {
                // The liveness "self" check says the process runs; it is not a component.
                continue;
            }

            components[name] = entry.Status switch
            {
                HealthStatus.Healthy => "healthy",
                HealthStatus.Degraded => "degraded",
                _ => "unavailable",
            };
        }

        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString(ResourceNames.Redis)))
        {
            components[ResourceNames.Redis] = "not_configured";
        }

        foreach (var provider in llm.Preference)
        {
            components.TryAdd(LlmProviderHealthCheck.NameOf(provider), "not_configured");
        }

        var serving = report.Entries.TryGetValue(GrpcServerHealthCheck.Name, out var server) && server.Status == HealthStatus.Healthy;
        return new HealthSnapshot(serving, components);
    }
}
