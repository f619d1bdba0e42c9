using Microsoft.Extensions.Options;
using TestDataAgent.Generators.Caching;

namespace TestDataAgent.Api.Infrastructure.Redis;

/// <summary>
/// Keeps Redis from slowing or failing a request, for the response cache and the record pools alike: every call is
/// bounded in time, a failure or timeout gives the caller's fallback value, and after one Redis is left alone for a
/// short while, then tried again, so caching resumes by itself when Redis returns.
/// </summary>
internal sealed partial class RedisGuard(IOptions<CacheOptions> options, TimeProvider time, ILogger<RedisGuard> logger) : ICacheHealth
{
    // When Redis last really failed (drives the pause) and when it was last bypassed, failed or skipped (drives warnings).
    private long _lastFailureTicks;
    private long _lastBypassTicks;

    public DateTimeOffset? LastFailure => Interlocked.Read(ref _lastBypassTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, T fallback, CancellationToken token)
    {
        var settings = options.Value;
        var failedTicks = Interlocked.Read(ref _lastFailureTicks);
        if (failedTicks > 0 && time.GetUtcNow().UtcTicks - failedTicks < TimeSpan.FromMilliseconds(settings.RedisRetryAfterMilliseconds).Ticks)
        {
            // Recently failed: skip Redis rather than make every request wait for it. Skipping does not extend the
            // pause, so Redis is tried again once it has passed.
            Interlocked.Exchange(ref _lastBypassTicks, time.GetUtcNow().UtcTicks);
            return fallback;
        }

        try
        {
            return await call(token).WaitAsync(TimeSpan.FromMilliseconds(settings.RedisTimeoutMilliseconds), time, token);
        }
        catch (Exception ex) when (ex is TimeoutException or StackExchange.Redis.RedisException or ObjectDisposedException)
        {
            var now = time.GetUtcNow().UtcTicks;
            Interlocked.Exchange(ref _lastFailureTicks, now);
            Interlocked.Exchange(ref _lastBypassTicks, now);
            LogBypassed(ex.GetType().Name);
            return fallback;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis bypassed ({Reason}); requests are served without it")]
    private partial void LogBypassed(string reason);
}
