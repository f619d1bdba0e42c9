using System.Diagnostics;

namespace TestDataAgent.Generators.Observability;

/// <summary>
/// The service's spans: one per request (started by the transport) with children for validation, cache, routing,
/// generation, retrieval, model calls and writing. Attributes carry the request id, entity, path and record count,
/// never record contents.
/// </summary>
public static class TestDataTracing
{
    public const string SourceName = "TestDataAgent";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Makes <paramref name="parent"/> the current span until disposed. HybridCache runs its factories without the
    /// caller's execution context, so work done inside one (a generation, a model call) would otherwise start a trace of
    /// its own instead of staying under the request.
    /// </summary>
    public static IDisposable Resume(Activity? parent)
    {
        var previous = Activity.Current;
        if (parent is not null && Activity.Current is null)
        {
            Activity.Current = parent;
        }

        return new Restore(previous);
    }

    private sealed class Restore(Activity? previous) : IDisposable
    {
        public void Dispose() => Activity.Current = previous;
    }
}
