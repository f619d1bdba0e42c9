using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace TestDataAgent.Tests.Infrastructure;

/// <summary>
/// Sums one counter of one service instance by one tag's value. Meters are process-wide, so the listener keeps only the
/// instruments made by that instance's <see cref="IMeterFactory"/>: tests running beside this one do not add to it.
/// </summary>
public sealed class CounterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _sums = new(StringComparer.Ordinal);

    public CounterRecorder(IMeterFactory scope, string instrument, string tag)
    {
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (published.Meter.Scope == scope && published.Name == instrument)
            {
                listener.EnableMeasurementEvents(published);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var key = "";
            foreach (var pair in tags)
            {
                if (pair.Key == tag)
                {
                    key = pair.Value?.ToString() ?? "";
                }
            }

            _sums.AddOrUpdate(key, value, (_, sum) => sum + value);
        });
        _listener.Start();
    }

    /// <summary>The sum so far of the measurements whose tag had <paramref name="value"/>.</summary>
    public long this[string value] => _sums.GetValueOrDefault(value);

    public void Dispose() => _listener.Dispose();
}
