using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using TestDataAgent.Api.Infrastructure.Redis;
using TestDataAgent.Generators.Caching;

namespace TestDataAgent.Api.Composition;

public static class ResponseCacheExtensions
{
    // HybridCache checks its limit on a payload and on what Redis returns (the payload plus a header with the key and tags).
    // An answer over it would sit in the local tier unserialized, with size 0: outside the byte bound.
    private const int HybridCacheFramingBytes = 16 * 1024;

    /// <summary>
    /// The <c>use_cache</c> response cache and the record pools, with <see cref="CacheOptions"/> (<c>Cache</c>; the
    /// original's <c>CACHE_TTL_SECONDS</c> still works) and <see cref="PoolOptions"/> (<c>Pool</c>) validated at start.
    /// With <c>ConnectionStrings:redis</c> set (the AppHost sets it) Redis is the cache's distributed tier and holds the
    /// pools, behind one guard, and is probed in health; without it both stay in memory and the log and
    /// <c>HealthCheck.components</c> say so. The in-memory tier holds at most <c>Cache:MemoryLimitBytes</c>, and no entry
    /// over <c>Cache:MaxEntryBytes</c> is kept in either tier.
    /// </summary>
    public static IHostApplicationBuilder AddResponseCache(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CacheOptions>()
            .BindConfiguration(CacheOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
            {
                if (int.TryParse(configuration["CACHE_TTL_SECONDS"], out var ttl))
                {
                    options.TtlSeconds = ttl;
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<PoolOptions>()
            .BindConfiguration(PoolOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // The in-memory tier is bounded by bytes: HybridCache gives each entry its payload's size.
        builder.Services.AddOptions<MemoryCacheOptions>().Configure<IOptions<CacheOptions>>((memory, cache) =>
        {
            memory.SizeLimit = cache.Value.MemoryLimitBytes;
            memory.TrackStatistics = true;
        });
        builder.Services.AddOptions<HybridCacheOptions>().Configure<IOptions<CacheOptions>>((hybrid, cache) =>
            hybrid.MaximumPayloadBytes = cache.Value.MaxEntryBytes + HybridCacheFramingBytes);

        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ResourceNames.Redis)))
        {
            builder.Services.AddHostedService<RedisNotConfiguredNotice>();
            return builder;
        }

        // Our own bounded probe replaces the integration's, so a dead Redis reads as degraded, not unhealthy.
        builder.AddRedisClient(ResourceNames.Redis, settings => settings.DisableHealthChecks = true);
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>(RedisHealthCheck.Name, tags: [ServiceHealthExtensions.OutsideSystemTag]);

        // HybridCache keeps its in-memory tier in front of Redis. The cache and the pools go through one guard, so a
        // Redis failure pauses both.
        builder.Services.AddSingleton<RedisConnection>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RedisConnection>());
        builder.Services.AddSingleton<RedisGuard>();
        builder.Services.AddSingleton<ICacheHealth>(sp => sp.GetRequiredService<RedisGuard>());
        builder.Services.AddSingleton<IDistributedCache>(sp => new ResilientDistributedCache(
            new RedisCache(Microsoft.Extensions.Options.Options.Create(new RedisCacheOptions
            {
                ConnectionMultiplexerFactory = sp.GetRequiredService<RedisConnection>().GetAsync,
                InstanceName = "testdata:",
            })),
            sp.GetRequiredService<RedisGuard>()));
        builder.Services.AddSingleton<IRecordPool, RedisRecordPool>();
        return builder;
    }
}
