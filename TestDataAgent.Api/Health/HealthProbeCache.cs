using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace TestDataAgent.Api.Health;

/// <summary>
/// The last probe of each outside system, reused for <see cref="HealthProbeOptions.ProbeCacheSeconds"/>: concurrent
/// health calls share one probe in flight, and later ones its result until it is that old. A probe runs to its own
/// timeout even when the call that started it goes away, so the others still get its answer.
/// </summary>
public sealed class HealthProbeCache(IOptions<HealthProbeOptions> options, TimeProvider time)
{
    private readonly Dictionary<string, (Task<HealthCheckResult> Probe, DateTimeOffset Started)> _probes = new(StringComparer.Ordinal);

    public Task<HealthCheckResult> GetAsync(string name, Func<CancellationToken, Task<HealthCheckResult>> probe, CancellationToken cancellationToken)
    {
        var ttl = TimeSpan.FromSeconds(options.Value.ProbeCacheSeconds);
        if (ttl == TimeSpan.Zero)
        {
            return probe(cancellationToken);
        }

        Task<HealthCheckResult> task;
        lock (_probes)
        {
            var now = time.GetUtcNow();
            if (!_probes.TryGetValue(name, out var last) || (last.Probe.IsCompleted && now - last.Started >= ttl))
            {
                last = (Task.Run(() => probe(CancellationToken.None), CancellationToken.None), now);
                _probes[name] = last;
            }

            task = last.Probe;
        }

        return task.WaitAsync(cancellationToken);
    }
}
