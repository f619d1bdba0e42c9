using System.ComponentModel.DataAnnotations;

namespace TestDataAgent.Generators.Caching;

/// <summary>The response cache, bound from the <c>Cache</c> section (<c>CACHE_TTL_SECONDS</c>, the original's name, also works).</summary>
public sealed class CacheOptions
{
    public const string SectionName = "Cache";

    /// <summary>How long a cached response lives (default 24 h, as the original's <c>CACHE_TTL_SECONDS</c>).</summary>
    [Range(1, 30 * 24 * 3600)]
    public int TtlSeconds { get; set; } = 86_400;

    /// <summary>Compressed responses above this size are not cached.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxEntryBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// Most bytes the in-memory tier holds (compressed responses and replayed model answers together); past it the
    /// least recently used are evicted.
    /// </summary>
    [Range(1024 * 1024, 16L * 1024 * 1024 * 1024)]
    public long MemoryLimitBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Longest wait for Redis before the cache is bypassed for that call.</summary>
    [Range(10, 10_000)]
    public int RedisTimeoutMilliseconds { get; set; } = 250;

    /// <summary>After a Redis failure, how long Redis is left alone before it is tried again.</summary>
    [Range(100, 600_000)]
    public int RedisRetryAfterMilliseconds { get; set; } = 2_000;
}
