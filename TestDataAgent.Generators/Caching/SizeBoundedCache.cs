namespace TestDataAgent.Generators.Caching;

/// <summary>
/// A thread-safe in-process cache bounded by the approximate bytes of its entries, not by their count: adding beyond the
/// capacity evicts the least recently used. An entry larger than the whole capacity is not kept. The capacity is read on
/// every add, so a changed setting applies to the next one.
/// </summary>
internal sealed class SizeBoundedCache<TKey, TValue>(Func<long> capacity, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<Entry>> _entries = new(comparer);
    private readonly LinkedList<Entry> _recency = new();
    private readonly Lock _gate = new();

    private long _bytes;

    /// <summary>The approximate bytes held.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public bool TryGet(TKey key, out TValue value)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                value = node.Value.Value;
                return true;
            }
        }

        value = default!;
        return false;
    }

    /// <summary>Keeps <paramref name="value"/>, evicting the least recently used until it fits; false when it is larger than the capacity.</summary>
    public bool Add(TKey key, TValue value, long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        var limit = capacity();
        if (bytes > limit)
        {
            return false;
        }

        lock (_gate)
        {
            if (_entries.Remove(key, out var existing))
            {
                _recency.Remove(existing);
                _bytes -= existing.Value.Bytes;
            }

            while (_bytes > limit - bytes && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
                _bytes -= oldest.Value.Bytes;
            }

            _entries[key] = _recency.AddFirst(new Entry(key, value, bytes));
            _bytes += bytes;
            return true;
        }
    }

    private sealed record Entry(TKey Key, TValue Value, long Bytes);
}
