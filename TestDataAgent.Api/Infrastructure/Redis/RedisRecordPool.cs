using System.Text.Json;
using StackExchange.Redis;
using TestDataAgent.Generators.Caching;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Api.Infrastructure.Redis;

/// <summary>
/// Record pools as Redis lists (<c>testdata:pool:…</c>, one JSON record an element): LPOP with a count takes records
/// atomically, so two replicas never hand out the same one; RPUSH then LTRIM keeps a pool under its cap. Every call goes
/// through <see cref="RedisGuard"/>: with Redis down a pool is simply empty.
/// </summary>
internal sealed class RedisRecordPool(RedisConnection redis, RedisGuard guard) : IRecordPool
{
    public string Name => "redis";

    public async Task<IReadOnlyList<DataRecord>> TakeAsync(string key, int count, CancellationToken cancellationToken)
    {
        Task<RedisValue[]>? pop = null;
        var values = await guard.RunAsync<RedisValue[]?>(async _ => await (pop = PopAsync(key, count)), null, cancellationToken);
        if (values is null)
        {
            // Bypassed: a pop that was sent may still take the records after the bound passed; they go back.
            if (pop is not null)
            {
                _ = ReturnLateAsync(key, pop);
            }

            return [];
        }

        var records = new List<DataRecord>(values.Length);
        foreach (var value in values)
        {
            try
            {
                using var document = JsonDocument.Parse((string)value!);
                records.Add(JsonValues.ToRecord(document.RootElement));
            }
            catch (JsonException)
            {
                // Not ours (or damaged): left out, never served.
            }
        }

        return records;
    }

    private async Task<RedisValue[]> PopAsync(string key, int count) =>
        await (await redis.GetAsync()).GetDatabase().ListLeftPopAsync(key, count) ?? [];

    /// <summary>Puts the records of a pop that answered after its bound back at the head of the pool, in their order.</summary>
    private async Task ReturnLateAsync(string key, Task<RedisValue[]> pop)
    {
        try
        {
            var values = await pop;
            if (values.Length > 0)
            {
                // LPUSH inserts one value after another at the head: reversed, they keep their order.
                await (await redis.GetAsync()).GetDatabase().ListLeftPushAsync(key, [.. Enumerable.Reverse(values)]);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            // Redis failed meanwhile: the pop either never ran or its records cannot be put back; the guard has noted it.
        }
    }

    public Task<long> AddAsync(string key, IReadOnlyList<DataRecord> records, int maxSize, CancellationToken cancellationToken) =>
        guard.RunAsync(async _ =>
        {
            var database = (await redis.GetAsync()).GetDatabase();
            var length = await database.ListRightPushAsync(key, [.. records.Select(r => (RedisValue)RecordJson.ToJson(r))]);
            if (length > maxSize)
            {
                // Oldest records go first.
                await database.ListTrimAsync(key, length - maxSize, -1);
                length = maxSize;
            }

            return length;
        }, -1L, cancellationToken);

    public Task<long> CountAsync(string key, CancellationToken cancellationToken) =>
        guard.RunAsync(async _ => await (await redis.GetAsync()).GetDatabase().ListLengthAsync(key), -1L, cancellationToken);
}
