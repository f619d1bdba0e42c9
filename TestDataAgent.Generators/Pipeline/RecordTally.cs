using TestDataAgent.Generators.Coherence;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Generators.Pipeline;

/// <summary>Validates and scores records as they pass, keeping only running totals.</summary>
internal sealed class RecordTally(EntitySchema schema, RecordValidator validator, CoherenceScorer scorer, long offset = 0)
{
    private readonly Dictionary<string, int> _scenarioCounts = new(StringComparer.Ordinal);
    private double _coherenceSum;

    public int Count { get; private set; }

    public int InvalidRecords { get; private set; }

    public RuleViolation? FirstViolation { get; private set; }

    public IReadOnlyDictionary<string, int> ScenarioCounts => _scenarioCounts;

    public double MeanCoherence => Count == 0 ? 0 : _coherenceSum / Count;

    public void Add(DataRecord record)
    {
        var violations = validator.Validate(record, schema, offset + Count);
        if (violations.Count > 0)
        {
            InvalidRecords++;
            FirstViolation ??= violations[0];
        }

        _coherenceSum += scorer.Score(record, schema);
        var scenario = record.GetValueOrDefault(DataRecord.ScenarioField) as string ?? "default";
        _scenarioCounts[scenario] = _scenarioCounts.GetValueOrDefault(scenario) + 1;
        Count++;
    }

    /// <summary>Adds the totals of the records that follow this tally's, tallied elsewhere (another worker's batch).</summary>
    public void Merge(RecordTally next)
    {
        InvalidRecords += next.InvalidRecords;
        FirstViolation ??= next.FirstViolation;
        _coherenceSum += next._coherenceSum;
        foreach (var (scenario, count) in next._scenarioCounts)
        {
            _scenarioCounts[scenario] = _scenarioCounts.GetValueOrDefault(scenario) + count;
        }

        Count += next.Count;
    }
}
