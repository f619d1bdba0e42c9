using System.Diagnostics.Metrics;

namespace TestDataAgent.Generators.Observability;

/// <summary>
/// The service's metrics, under the original's names and labels so existing dashboards keep working. Prometheus
/// export appends <c>_total</c> to counters and the unit to histograms: <c>testdata_requests</c> is scraped as
/// <c>testdata_requests_total</c>, <c>testdata_generation_duration</c> as <c>testdata_generation_duration_seconds</c>.
/// Labels are bounded: custom schemas and unknown domains share one label value.
/// </summary>
public sealed class TestDataMetrics
{
    public const string MeterName = "TestDataAgent";
    public const string CustomLabel = "custom";

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _records;
    private readonly Counter<long> _validationErrors;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;
    private readonly Histogram<double> _coherence;
    private readonly Counter<long> _llmTokens;
    private readonly Counter<long> _fallbacks;
    private readonly Counter<long> _poolRecords;
    private readonly Counter<long> _poolRefills;

    public TestDataMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("testdata_requests", description: "Generation requests by path, domain, entity and status (success or error)");
        _duration = meter.CreateHistogram<double>("testdata_generation_duration", unit: "s", description: "Time to serve a generation request, by path",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30] });
        _records = meter.CreateCounter<long>("testdata_records_generated", description: "Records generated, by domain and entity");
        _validationErrors = meter.CreateCounter<long>("testdata_validation_errors", description: "Records that failed schema or constraint validation");
        _cacheHits = meter.CreateCounter<long>("testdata_cache_hits", description: "Responses served from the cache");
        _cacheMisses = meter.CreateCounter<long>("testdata_cache_misses", description: "use_cache requests the cache could not serve (generated, then stored)");
        _coherence = meter.CreateHistogram<double>("testdata_coherence_score", description: "Mean coherence score of a response, by domain",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0] });
        _llmTokens = meter.CreateCounter<long>("testdata_llm_tokens", description: "Tokens used by LLM calls, by model");
        _poolRecords = meter.CreateCounter<long>("testdata_pool_records", description: "Records drawn from or refilled into record pools, by result (drawn, refilled)");
        _poolRefills = meter.CreateCounter<long>("testdata_pool_refills",
            description: "Background refills of low record pools, by result (started, skipped_busy, skipped_budget)");
        _fallbacks = meter.CreateCounter<long>("testdata_fallbacks", description: "Requests served by another path than the router chose, by from and to");
    }

    public void RequestCompleted(string path, string domain, string entity, bool success, TimeSpan elapsed)
    {
        _requests.Add(1, new("path", path), new("domain", domain), new("entity", entity), new("status", success ? "success" : "error"));
        _duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("path", path));
    }

    public void RecordsGenerated(string domain, string entity, int count, int invalid, double meanCoherence)
    {
        _records.Add(count, new("domain", domain), new("entity", entity));
        if (invalid > 0)
        {
            _validationErrors.Add(invalid, new("domain", domain), new("entity", entity));
        }

        if (count > 0)
        {
            _coherence.Record(meanCoherence, new KeyValuePair<string, object?>("domain", domain));
        }
    }

    public void CacheHit() => _cacheHits.Add(1);

    public void CacheMiss() => _cacheMisses.Add(1);

    public void LlmTokens(string model, long tokens) => _llmTokens.Add(tokens, new KeyValuePair<string, object?>("model", model));

    public void PoolRecords(string result, int count)
    {
        if (count > 0)
        {
            _poolRecords.Add(count, new KeyValuePair<string, object?>("result", result));
        }
    }

    public void PoolRefill(string result) => _poolRefills.Add(1, new KeyValuePair<string, object?>("result", result));

    public void Fallback(string from, string to) => _fallbacks.Add(1, new("from", from), new("to", to));
}
