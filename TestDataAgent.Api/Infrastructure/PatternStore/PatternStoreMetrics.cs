using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using TestDataAgent.Generators.Observability;

namespace TestDataAgent.Api.Infrastructure.PatternStore;

/// <summary>
/// The embedded pattern store's size against its budget: <c>testdata_pattern_store_evictions{collection, reason}</c>
/// (patterns evicted on a write or while loading), and the gauges <c>testdata_pattern_store_patterns{collection}</c> and
/// <c>testdata_pattern_store_bytes{collection}</c> (what each loaded collection holds, in <see cref="PatternBudget.Footprint"/> bytes).
/// </summary>
public sealed class PatternStoreMetrics
{
    private readonly Counter<long> _evictions;
    private readonly ConcurrentDictionary<string, EmbeddedPatternCollection> _collections = new(StringComparer.Ordinal);

    public PatternStoreMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(TestDataMetrics.MeterName);
        _evictions = meter.CreateCounter<long>("testdata_pattern_store_evictions",
            description: "Patterns evicted from the embedded store to keep a collection within its budget, by collection and reason (write, load)");
        meter.CreateObservableGauge("testdata_pattern_store_patterns",
            () => _collections.Values.Select(c => new Measurement<long>(c.Usage.Count, new KeyValuePair<string, object?>("collection", c.Name))),
            description: "Patterns a loaded embedded collection holds");
        meter.CreateObservableGauge("testdata_pattern_store_bytes",
            () => _collections.Values.Select(c => new Measurement<long>(c.Usage.Bytes, new KeyValuePair<string, object?>("collection", c.Name))),
            description: "About how many bytes of memory the patterns of a loaded embedded collection take");
    }

    internal void Track(EmbeddedPatternCollection collection) => _collections[collection.Name] = collection;

    internal void Evicted(string collection, int count, string reason)
    {
        if (count > 0)
        {
            _evictions.Add(count, new("collection", collection), new("reason", reason));
        }
    }
}
