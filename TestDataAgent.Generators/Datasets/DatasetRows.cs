using TestDataAgent.Generators.Catalog;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Traditional;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Generators.Datasets;

/// <summary>
/// Makes any row of a dataset from its table and key: the table's traditional session makes the values (seeded by the
/// dataset's seed and the table's name), then the keys are set and the cross-table rules applied. A row another row needs
/// (an order's items, a payment's order) is made again from its key rather than remembered; only the last row of each
/// table is kept, which is what makes walking a table in key order cheap. Not thread-safe.
/// </summary>
public sealed class DatasetRows
{
    private const int ScenarioPickAttempt = 1_000_003;

    private readonly Dictionary<DatasetTable, TraditionalSession> _sessions = [];
    private readonly Dictionary<DatasetTable, (long Key, DataRecord Row)> _last = [];
    private readonly RecordRandom _random;
    private readonly EcommerceRules _rules;

    public DatasetRows(DatasetPlan plan, ThemeCatalog catalog, RecordValidator validator, CancellationToken cancellationToken)
    {
        Plan = plan;
        Keys = new DatasetKeys(plan.Seed);
        _random = new RecordRandom(plan.Seed);
        foreach (var table in plan.Tables)
        {
            var request = new GenerationRequest
            {
                Schema = table.GenerationSchema,
                Count = (int)Math.Min(table.KeySpace, int.MaxValue),
                Scenarios = table.Scenarios,
                Seed = plan.Seed ^ table.Salt,
                Locales = plan.Locales,
                ReferenceTime = plan.ReferenceTime,
                Constrained = table.Constrained,
            };
            _sessions[table] = new TraditionalSession(request, catalog, validator, cancellationToken);
        }

        _rules = new EcommerceRules(this);
    }

    public DatasetPlan Plan { get; }

    public DatasetKeys Keys { get; }

    /// <summary>Row <paramref name="key"/> of <paramref name="table"/>, complete: values, keys, cross-table rules.</summary>
    public DataRecord Row(DatasetTable table, long key)
    {
        if (_last.TryGetValue(table, out var last) && last.Key == key)
        {
            return last.Row;
        }

        var row = _sessions[table].Make(key, Scenario(table, key));
        foreach (var omitted in table.Omit)
        {
            row.Remove(omitted);
        }

        if (table.PrimaryKey is { } primaryKey)
        {
            row[primaryKey] = DatasetKeys.PrimaryKeyValue(table, key);
        }

        foreach (var reference in table.References)
        {
            row[reference.Column] = DatasetKeys.PrimaryKeyValue(reference.Target, Keys.TargetKey(table, key, reference));
        }

        _rules.Apply(table, key, row);
        _last[table] = (key, row);
        return row;
    }

    /// <summary>A random fraction in [0, 1) for (table, key, purpose): the rules' own draws, apart from the row's values.</summary>
    public double Fraction(DatasetTable table, long key, int purpose)
    {
        _random.Restart(Plan.Seed ^ table.Salt, key, purpose);
        return _random.NextDouble();
    }

    /// <summary>A root table lays its scenarios over its rows in order; a child picks one per row, weighted by the counts.</summary>
    private ScenarioPlan Scenario(DatasetTable table, long key)
    {
        if (table.Scenarios.Count == 1)
        {
            return table.Scenarios[0];
        }

        var total = table.Scenarios.Sum(s => (long)s.Count);
        var position = table.IsRoot ? key : (long)(Fraction(table, key, ScenarioPickAttempt) * total);
        foreach (var scenario in table.Scenarios)
        {
            if (position < scenario.Count)
            {
                return scenario;
            }

            position -= scenario.Count;
        }

        return table.Scenarios[^1];
    }
}
