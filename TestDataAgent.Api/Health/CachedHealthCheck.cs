using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TestDataAgent.Api.Health;

/// <summary>A health check of an outside system whose answers <see cref="HealthProbeCache"/> reuses for a few seconds.</summary>
internal sealed class CachedHealthCheck(string name, IHealthCheck inner, HealthProbeCache cache) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        cache.GetAsync(name, token => inner.CheckHealthAsync(context, token), cancellationToken);
}
