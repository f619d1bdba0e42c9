using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Caching;

/// <summary>Where pooled records live: Redis lists when Redis is configured, else process memory.</summary>
public interface IRecordPool
{
    /// <summary><c>redis</c> or <c>memory</c>.</summary>
    string Name { get; }

    /// <summary>Takes up to <paramref name="count"/> records, oldest first; each record is handed out once.</summary>
    Task<IReadOnlyList<DataRecord>> TakeAsync(string key, int count, CancellationToken cancellationToken);

    /// <summary>Adds records, dropping the oldest beyond <paramref name="maxSize"/>; the pool's new size, or -1 when the store failed.</summary>
    Task<long> AddAsync(string key, IReadOnlyList<DataRecord> records, int maxSize, CancellationToken cancellationToken);

    /// <summary>How many records the pool holds, or -1 when the store failed.</summary>
    Task<long> CountAsync(string key, CancellationToken cancellationToken);
}
