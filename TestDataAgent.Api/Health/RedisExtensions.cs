using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using StackExchange.Redis;
using TestDataAgent.Api.Caching;
using TestDataAgent.Api.Health;
using TestDataAgent.Generators.Caching;

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

        // Redis is the response cache's distributed tier (HybridCache keeps the in-memory tier in front of it) and holds
        // the record pools; both go through one guard, so a Redis failure pauses both.
        builder.Services.AddSingleton<RedisGuard>();
        builder.Services.AddSingleton<ICacheHealth>(sp => sp.GetRequiredService<RedisGuard>());
        builder.Services.AddSingleton<IDistributedCache>(sp => new ResilientDistributedCache(
            new RedisCache(Microsoft.Extensions.Options.Options.Create(new RedisCacheOptions
            {
                ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>()),
                InstanceName = "testdata:",
            })),
            sp.GetRequiredService<RedisGuard>()));
        builder.Services.AddSingleton<IRecordPool, RedisRecordPool>();
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
