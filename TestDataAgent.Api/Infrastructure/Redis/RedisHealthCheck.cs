using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace TestDataAgent.Api.Infrastructure.Redis;

/// <summary>PINGs Redis within a bounded time. Redis has a fallback (no cache), so failure is "degraded", never fatal.</summary>
internal sealed class RedisHealthCheck(RedisConnection connection) : IHealthCheck
{
    public const string Name = ResourceNames.Redis;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var redis = await connection.GetAsync().WaitAsync(s_timeout, cancellationToken);
            if (!redis.IsConnected)
            {
                return HealthCheckResult.Degraded("not connected");
            }

            var latency = await redis.GetDatabase().PingAsync().WaitAsync(s_timeout, cancellationToken);
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:F1} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Degraded(ex.Message);
        }
    }
}
