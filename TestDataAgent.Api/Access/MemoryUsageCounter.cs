using System.Collections.Concurrent;

namespace TestDataAgent.Api.Access;

/// <summary>
/// Usage counted in this process. Keys carry their day, so yesterday's are dropped when a new day's first key is added;
/// beyond <see cref="MaxKeys"/> distinct keys (many anonymous addresses) new callers share one overflow counter, so no
/// caller can grow this without bound.
/// </summary>
internal sealed class MemoryUsageCounter : IUsageCounter
{
    public const int MaxKeys = 100_000;

    private const string OverflowKey = "overflow";

    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);
    private string _day = "";

    public ValueTask<long> AddAsync(string key, long amount, CancellationToken cancellationToken)
    {
        var day = UsageKeys.DayOf(key);
        if (!string.Equals(day, Volatile.Read(ref _day), StringComparison.Ordinal))
        {
            Volatile.Write(ref _day, day);
            foreach (var stale in _totals.Keys.Where(k => !string.Equals(UsageKeys.DayOf(k), day, StringComparison.Ordinal)))
            {
                _totals.TryRemove(stale, out _);
            }
        }

        if (_totals.Count >= MaxKeys && !_totals.ContainsKey(key))
        {
            key = UsageKeys.WithCaller(key, OverflowKey);
        }

        return ValueTask.FromResult(_totals.AddOrUpdate(key, amount, (_, total) => total + amount));
    }
}
