using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Runs a health check under a span that is never recorded, so whatever the check calls (a Redis <c>PING</c>, an HTTP
/// probe of an LLM provider or Weaviate) is a child of an unsampled parent and is dropped by the parent-based sampler.
/// Without it the health publisher's checks (every 30 s, with no request around them) each start a root trace that
/// buries the requests on the dashboard's Traces page. Suppressing instrumentation would not do: the Redis
/// instrumentation makes its spans later, on its own thread, from the span that was current when the command ran.
/// </summary>
internal sealed class UntracedHealthCheck(IHealthCheck inner) : IHealthCheck
{
    public const string ActivityName = "HealthProbe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Not from an ActivitySource: no listener sees it, and its trace flags say "not sampled" to everything below it.
        using var probe = new Activity(ActivityName);
        probe.SetParentId(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None);
        probe.Start();
        return await inner.CheckHealthAsync(context, cancellationToken);
    }
}
