using StackExchange.Redis;
using TestDataAgent.Api.Access;

namespace TestDataAgent.Api.Infrastructure.Redis;

/// <summary>
/// Calls per caller and one-second window counted in Redis, so all replicas share one <c>RequestsPerSecond</c>: one key
/// per caller and window (<c>testdata:rate:{caller}:{window}</c>), counted and given its short expiry in one atomic script,
/// so no key outlives its window by more than a few seconds. Through <see cref="RedisGuard"/>: a slow or failed Redis gives
/// <see langword="null"/> within <c>Cache:RedisTimeoutMilliseconds</c>, and the caller is limited by this replica alone.
/// </summary>
internal sealed class RedisRequestRateCounter(RedisConnection connection, RedisGuard guard) : IRequestRateCounter
{
    private const string Prefix = "testdata:rate:";

    // Longer than a window, so a replica whose clock runs a little behind still finds the window's count.
    private const long KeepMilliseconds = 5_000;

    private const string CountScript = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return n
        """;

    public async ValueTask<long?> CountAsync(string caller, long window, CancellationToken cancellationToken) =>
        await guard.RunAsync(async _ =>
        {
            var database = (await connection.GetAsync()).GetDatabase();
            var count = await database.ScriptEvaluateAsync(CountScript, [new RedisKey($"{Prefix}{UsageKeys.Caller(caller)}:{window}")], [KeepMilliseconds]);
            return (long?)(long)count;
        }, null, cancellationToken);
}
