using TestDataAgent.Api.Health;

namespace Microsoft.Extensions.Hosting;

public static partial class RedisExtensions
{
    /// <summary>The connection name shared with the AppHost: <c>ConnectionStrings:redis</c>.</summary>
    public const string ConnectionName = "redis";

    /// <summary>
    /// Connects to Redis when <c>ConnectionStrings:redis</c> is set (the AppHost sets it) and probes it in health.
    /// Without it the service runs without Redis and says so in its log and in <c>HealthCheck.components</c>.
    /// </summary>
    public static IHostApplicationBuilder AddTestDataAgentRedis(this IHostApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ConnectionName)))
        {
            builder.Services.AddHostedService<RedisNotConfiguredNotice>();
            return builder;
        }

        // Our own bounded probe replaces the integration's, so a dead Redis reads as degraded, not unhealthy.
        builder.AddRedisClient(ConnectionName, settings => settings.DisableHealthChecks = true);
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>(RedisHealthCheck.Name);
        return builder;
    }

    private sealed partial class RedisNotConfiguredNotice(ILogger<RedisNotConfiguredNotice> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            LogNotConfigured();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is not configured (ConnectionStrings:redis is empty); the service runs without a cache")]
        private partial void LogNotConfigured();
    }
}
