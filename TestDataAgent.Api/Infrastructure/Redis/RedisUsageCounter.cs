using StackExchange.Redis;
using TestDataAgent.Api.Access;

namespace TestDataAgent.Api.Infrastructure.Redis;

/// <summary>
/// Caller usage counted in Redis (<c>INCRBY</c>, expiring two days after a day's first count), so all replicas share
/// one total. Through <see cref="RedisGuard"/>: while Redis is slow or down, this replica counts in its own memory
/// (a caller may then get up to one quota per replica) rather than fail or slow the call.
/// </summary>
internal sealed class RedisUsageCounter(RedisConnection connection, RedisGuard guard, MemoryUsageCounter fallback) : IUsageCounter
{
    private const string Prefix = "testdata:usage:";
    private static readonly TimeSpan s_keep = TimeSpan.FromDays(2);

    public async ValueTask<long> AddAsync(string key, long amount, CancellationToken cancellationToken)
    {
        var total = await guard.RunAsync(async _ =>
        {
            var database = (await connection.GetAsync()).GetDatabase();
            var redisKey = new RedisKey(Prefix + key);
            var value = await database.StringIncrementAsync(redisKey, amount);
            if (value == amount)
            {
                await database.KeyExpireAsync(redisKey, s_keep);
            }

            return (long?)value;
        }, null, cancellationToken);
        return total ?? await fallback.AddAsync(key, amount, cancellationToken);
    }
}
