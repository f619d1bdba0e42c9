using System.Diagnostics.Metrics;
using TestDataAgent.Generators.Observability;

namespace TestDataAgent.Api.Access;

/// <summary>
/// Usage per caller, on the service's meter: calls, records and model tokens, refusals by reason, and calls whose rate was
/// counted without Redis. The <c>caller</c>
/// label is bounded: configured key and certificate names, or just <c>jwt</c> and <c>anonymous</c>.
/// </summary>
public sealed class CallerMetrics
{
    private readonly Counter<long> _calls;
    private readonly Counter<long> _records;
    private readonly Counter<long> _tokens;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _countedLocally;

    public CallerMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(TestDataMetrics.MeterName);
        _calls = meter.CreateCounter<long>("testdata_caller_calls", description: "Calls of testdata.v1, by caller and method");
        _records = meter.CreateCounter<long>("testdata_caller_records", description: "Records callers asked for and were admitted, by caller");
        _tokens = meter.CreateCounter<long>("testdata_caller_llm_tokens", description: "Model tokens spent for callers, by caller");
        _refused = meter.CreateCounter<long>("testdata_caller_refused", description: "Calls refused by a caller's limits, by caller and limit");
        _countedLocally = meter.CreateCounter<long>("testdata_caller_rate_counted_locally",
            description: "Calls whose RequestsPerSecond this replica counted alone because Redis was unavailable or slow, by caller");
    }

    public void Call(Caller caller, string method) =>
        _calls.Add(1, new KeyValuePair<string, object?>("caller", caller.Label), new KeyValuePair<string, object?>("method", method));

    public void Records(Caller caller, long records) => _records.Add(records, new KeyValuePair<string, object?>("caller", caller.Label));

    public void Tokens(Caller caller, long tokens) => _tokens.Add(tokens, new KeyValuePair<string, object?>("caller", caller.Label));

    public void RateCountedLocally(Caller caller) => _countedLocally.Add(1, new KeyValuePair<string, object?>("caller", caller.Label));

    public void Refused(Caller caller, string limit) =>
        _refused.Add(1, new KeyValuePair<string, object?>("caller", caller.Label), new KeyValuePair<string, object?>("limit", limit));
}
