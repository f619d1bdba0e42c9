using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Llm;

/// <summary>What the batches of one request came to, told to the response once at the end.</summary>
/// <param name="pooled">Records drawn from a pool (written by a model earlier).</param>
/// <param name="capped">Records past <c>Llm:MaxRecordsPerRequest</c>, never asked of a model.</param>
/// <param name="settings">The settings the budgets came from, named in the warnings.</param>
internal sealed class LlmBatchTally(int pooled, int capped, LlmOptions settings)
{
    private readonly List<string> _failures = [];
    private readonly HashSet<string> _problems = new(StringComparer.Ordinal);
    private int _fromModel = pooled;
    private int _filled;
    private int _overBudget;

    public void Add(LlmBatchOutcome outcome)
    {
        _fromModel += outcome.Records.Count;
        var missing = outcome.Batch.Count - outcome.Records.Count;
        if (outcome.OverBudget)
        {
            _overBudget += missing;
        }
        else
        {
            _filled += missing;
        }

        if (outcome.Records.Count == 0 && outcome.Failures.Count > 0 && _failures.Count == 0)
        {
            _failures.AddRange(outcome.Failures);
        }

        _problems.UnionWith(outcome.Problems);
    }

    public void Report(GenerationReport report, LlmRecordMerger merger, int total, LlmSpending spending)
    {
        if (capped > 0)
        {
            report.Warn($"llm: models write at most {settings.MaxRecordsPerRequest} records per request (Llm:MaxRecordsPerRequest); " +
                $"the traditional generator made the last {capped} of {total}");
        }

        if (_overBudget > 0)
        {
            report.Warn($"llm: the request spent {spending.Tokens} tokens, reaching Llm:MaxTokensPerRequest ({spending.MaxTokens}); " +
                $"the traditional generator made the {_overBudget} record(s) not yet asked for");
        }

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
                : $"llm: the models left out {_filled} of {total} records even after asking again; the traditional generator made them");
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
