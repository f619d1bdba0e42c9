using System.Collections.Concurrent;
using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Caching;

/// <summary>Record pools in process memory, for a service without Redis: lost on restart, never shared between replicas.</summary>
public sealed class InMemoryRecordPool : IRecordPool
{
    private readonly ConcurrentDictionary<string, Queue<DataRecord>> _pools = new(StringComparer.Ordinal);

    public string Name => "memory";

    public Task<IReadOnlyList<DataRecord>> TakeAsync(string key, int count, CancellationToken cancellationToken)
    {
        var taken = new List<DataRecord>();
        if (_pools.TryGetValue(key, out var pool))
        {
            lock (pool)
            {
                while (taken.Count < count && pool.TryDequeue(out var record))
                {
                    taken.Add(record);
                }
            }
        }

        return Task.FromResult<IReadOnlyList<DataRecord>>(taken);
    }

    public Task<long> AddAsync(string key, IReadOnlyList<DataRecord> records, int maxSize, CancellationToken cancellationToken)
    {
        var pool = _pools.GetOrAdd(key, _ => new Queue<DataRecord>());
        lock (pool)
        {
            foreach (var record in records)
            {
                pool.Enqueue(record);
            }

            while (pool.Count > maxSize)
            {
                pool.Dequeue();
            }

            return Task.FromResult((long)pool.Count);
        }
    }

    public Task<long> CountAsync(string key, CancellationToken cancellationToken)
    {
        if (!_pools.TryGetValue(key, out var pool))
        {
            return Task.FromResult(0L);
        }

        lock (pool)
        {
            return Task.FromResult((long)pool.Count);
        }
    }
}
