using Microsoft.Extensions.Diagnostics.HealthChecks;
using TestDataAgent.Generators.Rag.Store;

namespace TestDataAgent.Api.Infrastructure.PatternStore;

/// <summary>
/// The pattern store: the embedded one is healthy while its directory is usable; a remote one is asked, within a
/// bounded time, whether it is ready. RAG has a fallback (traditional records), so a failure is "degraded", never fatal.
/// </summary>
internal sealed class VectorStoreHealthCheck(IPatternCollections collections) : IHealthCheck
{
    public const string Name = "vector_store";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (collections is IReadinessProbe probe)
        {
            var (ready, detail) = await probe.ProbeAsync(cancellationToken);
            return ready ? HealthCheckResult.Healthy(detail) : HealthCheckResult.Degraded(detail);
        }

        return HealthCheckResult.Healthy($"{collections.StoreName} store");
    }
}
