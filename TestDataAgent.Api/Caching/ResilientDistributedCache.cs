using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;
using TestDataAgent.Generators.Caching;

namespace TestDataAgent.Api.Caching;

/// <summary>
/// Redis as the cache's distributed tier, never allowed to slow or fail a request: every call is bounded in time,
/// a failure or timeout is a miss (or a skipped write), and after one Redis is left alone for a short while, then
/// tried again, so caching resumes by itself when Redis returns.
/// </summary>
internal sealed partial class ResilientDistributedCache(IDistributedCache inner, IOptions<CacheOptions> options, TimeProvider time, ILogger<ResilientDistributedCache> logger)
    : IDistributedCache, ICacheHealth
{
    // When Redis last really failed (drives the pause) and when it was last bypassed, failed or skipped (drives warnings).
    private long _lastFailureTicks;
    private long _lastBypassTicks;

    public DateTimeOffset? LastFailure => Interlocked.Read(ref _lastBypassTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        await Guard(t => inner.GetAsync(key, t), token);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions entryOptions) => SetAsync(key, value, entryOptions).GetAwaiter().GetResult();

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions entryOptions, CancellationToken token = default) =>
        Guard(t => inner.SetAsync(key, value, entryOptions, t), token);

    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    public Task RefreshAsync(string key, CancellationToken token = default) =>
        Guard(t => inner.RefreshAsync(key, t), token);

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        Guard(t => inner.RemoveAsync(key, t), token);

    private Task Guard(Func<CancellationToken, Task> call, CancellationToken token) =>
        Guard(async t =>
        {
            await call(t);
            return (byte[]?)null;
        }, token);

    private async Task<byte[]?> Guard(Func<CancellationToken, Task<byte[]?>> call, CancellationToken token)
    {
        var settings = options.Value;
        var failedTicks = Interlocked.Read(ref _lastFailureTicks);
        if (failedTicks > 0 && time.GetUtcNow().UtcTicks - failedTicks < TimeSpan.FromMilliseconds(settings.RedisRetryAfterMilliseconds).Ticks)
        {
            // Recently failed: skip Redis rather than make every request wait for it. Skipping does not extend the
            // pause, so Redis is tried again once it has passed.
            Interlocked.Exchange(ref _lastBypassTicks, time.GetUtcNow().UtcTicks);
            return null;
        }

        try
        {
            return await call(token).WaitAsync(TimeSpan.FromMilliseconds(settings.RedisTimeoutMilliseconds), time, token);
        }
        catch (Exception ex) when (ex is TimeoutException or StackExchange.Redis.RedisException or ObjectDisposedException)
        {
            MarkFailed();
            LogBypassed(ex.GetType().Name);
            return null;
        }
    }

    private void MarkFailed()
    {
        var now = time.GetUtcNow().UtcTicks;
        Interlocked.Exchange(ref _lastFailureTicks, now);
        Interlocked.Exchange(ref _lastBypassTicks, now);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis cache bypassed ({Reason}); requests are served without it")]
    private partial void LogBypassed(string reason);
}
