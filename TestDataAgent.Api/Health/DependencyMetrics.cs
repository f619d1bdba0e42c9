using System.Diagnostics.Metrics;
using TestDataAgent.Generators.Caching;
using TestDataAgent.Generators.Llm;
using TestDataAgent.Generators.Observability;

namespace TestDataAgent.Api.Health;

/// <summary>
/// Gauges of the dependencies' state, read when metrics are collected: <c>testdata_llm_circuit_open{provider}</c> (1 while a
/// provider's circuit breaker is open) and <c>testdata_redis_available</c> (0 while Redis is being bypassed after a
/// failure; absent without Redis).
/// </summary>
public sealed class DependencyMetrics
{
    public DependencyMetrics(IMeterFactory meterFactory, LlmProviderSet providers, ICacheHealth cache, TimeProvider time)
    {
        var meter = meterFactory.Create(TestDataMetrics.MeterName);
        meter.CreateObservableGauge("testdata_llm_circuit_open",
            () => providers.Providers.Select(p => new Measurement<int>(p.IsCircuitOpen ? 1 : 0, new KeyValuePair<string, object?>("provider", p.Name))),
            description: "1 while an LLM provider's circuit breaker is open (its calls fail fast and the next provider serves)");
        if (cache is not InMemoryCacheHealth)
        {
            // Bypassed within the last few seconds means unavailable: the guard skips Redis for a short pause after a failure.
            meter.CreateObservableGauge("testdata_redis_available",
                () => cache.LastFailure is { } failed && time.GetUtcNow() - failed < TimeSpan.FromSeconds(5) ? 0 : 1,
                description: "0 while Redis fails or is being bypassed, else 1");
        }
    }
}
