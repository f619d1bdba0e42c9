using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Llm;

/// <summary>What the batches of one request came to, told to the response once at the end.</summary>
internal sealed class LlmBatchTally(int pooled)
{
    private readonly List<string> _failures = [];
    private readonly HashSet<string> _problems = new(StringComparer.Ordinal);
    private int _fromModel = pooled;
    private int _filled;

    public void Add(LlmBatchOutcome outcome)
    {
        _fromModel += outcome.Records.Count;
        _filled += outcome.Batch.Count - outcome.Records.Count;
        if (outcome.Records.Count == 0 && outcome.Failures.Count > 0 && _failures.Count == 0)
        {
            _failures.AddRange(outcome.Failures);
        }

        _problems.UnionWith(outcome.Problems);
    }

    public void Report(GenerationReport report, LlmRecordMerger merger, int total)
    {
        if (_fromModel == 0 && total > 0)
        {
            report.ServedBy(GenerationPath.Traditional);
            report.Warn(_failures.Count > 0
                ? $"llm: every provider failed ({string.Join("; ", _failures)}); all {total} records were made by the traditional generator"
                : $"llm: the models returned no usable records; all {total} records were made by the traditional generator");
            return;
        }

        if (_filled > 0)
        {
            report.Warn(_failures.Count > 0
                ? $"llm: {_filled} of {total} records were made by the traditional generator after provider failures ({string.Join("; ", _failures)})"
                : $"llm: the models returned {_fromModel} of {total} records after asking again; the traditional generator made the other {_filled}");
        }

        if (merger.ReplacedRecords > 0)
        {
            report.Warn($"llm: {merger.ReplacedRecords} model record(s) could not be made valid and coherent and were replaced by traditional records");
        }

        if (merger.RepairedFields > 0)
        {
            report.Warn($"llm: {merger.RepairedFields} field value(s) the models got wrong, left out or repeated were replaced by valid generated values");
        }

        foreach (var problem in _problems.Order(StringComparer.Ordinal))
        {
            report.Warn($"llm: {problem}");
        }
    }
}
