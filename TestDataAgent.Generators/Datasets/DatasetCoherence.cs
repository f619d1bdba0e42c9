using TestDataAgent.Generators.Datasets.Rules;
using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Datasets;

/// <summary>
/// Scores the rows as they are streamed against the cross-table rules (<see cref="CrossTableRules"/>) and counts foreign
/// keys that name no row: the summary's <c>coherence_score</c> (rules held / rules checked; 1 when no rule applies) and
/// <c>orphan_count</c>. Both are 1 and 0 by construction; this is the check that says so, with the same rules
/// <c>ValidateDataset</c> applies to a caller's tables.
/// </summary>
public sealed class DatasetCoherence(DatasetRows rows) : IDatasetRuleSink
{
    private readonly GeneratedRowLinks _links = new(rows);
    private long _checked;
    private long _held;

    public long Orphans { get; private set; }

    public float Score => _checked == 0 ? 1f : (float)((double)_held / _checked);

    public void Check(DatasetTable table, long key, DataRecord row) =>
        CrossTableRules.Check(new DatasetRow(table, key, row), rows.Plan, _links, this);

    void IDatasetRuleSink.Rule(DatasetRow row, string field, string rule, bool held, string description)
    {
        _checked++;
        _held += held ? 1 : 0;
    }

    void IDatasetRuleSink.Orphan(DatasetRow row, DatasetReference reference) => Orphans++;
}
