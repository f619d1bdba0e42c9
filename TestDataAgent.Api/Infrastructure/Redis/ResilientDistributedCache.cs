using Microsoft.Extensions.Caching.Distributed;

namespace TestDataAgent.Api.Infrastructure.Redis;

/// <summary>Redis as the response cache's distributed tier, every call through <see cref="RedisGuard"/>: a failure is a miss or a skipped write.</summary>
internal sealed class ResilientDistributedCache(IDistributedCache inner, RedisGuard guard) : IDistributedCache
{
    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        guard.RunAsync(t => inner.GetAsync(key, t), null, token);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions entryOptions) => SetAsync(key, value, entryOptions).GetAwaiter().GetResult();

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions entryOptions, CancellationToken token = default) =>
        Guard(t => inner.SetAsync(key, value, entryOptions, t), token);

    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    public Task RefreshAsync(string key, CancellationToken token = default) => Guard(t => inner.RefreshAsync(key, t), token);

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public Task RemoveAsync(string key, CancellationToken token = default) => Guard(t => inner.RemoveAsync(key, t), token);

    private Task Guard(Func<CancellationToken, Task> call, CancellationToken token) =>
        guard.RunAsync(async t =>
        {
            await call(t);
            return true;
        }, false, token);
}
