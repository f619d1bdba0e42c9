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
        var values = await guard.RunAsync(async _ => await (await redis.GetAsync()).GetDatabase().ListLeftPopAsync(key, count) ?? [], [], cancellationToken);
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
