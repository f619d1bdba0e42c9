using TestDataAgent.Generators.Datasets.Rules;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Generators.Datasets.Checking;

/// <summary>
/// <c>ValidateDataset</c>: checks a caller's related tables against a dataset graph with the rules <c>GenerateDataset</c>
/// keeps. Every row is checked against its table's schema (as <c>ValidateData</c> checks one entity's records); then every
/// primary key must be unique, every foreign key must name a row (an orphan is reported by table, row and key), each
/// parent's children must number within min_per_parent … max_per_parent, and every cross-table rule
/// (<see cref="CrossTableRules"/>) must hold. The tables are held while they are checked: their size is bounded by the
/// message size.
/// </summary>
public sealed class DatasetCheckService(DatasetPlanner planner, DataValidationService records)
{
    /// <exception cref="InvalidRequestException">The graph is refused, a table is missing or unknown, or data cannot be parsed.</exception>
    public DatasetCheckReport Check(DatasetCheckInput input)
    {
        // A root table's count says how many rows to make; for checking, the caller's rows say it.
        var plan = planner.Plan(input.Graph with
        {
            Tables = [.. input.Graph.Tables.Select(t => t.Count == 0 && t.Parent.Length == 0 ? t with { Count = 1 } : t)],
            OutputFormat = (int)DataFormat.Json,
            Seed = input.Graph.Seed ?? 1,
        });
        var tables = plan.Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var name in input.Data.Keys.Where(n => !tables.ContainsKey(n)))
        {
            throw new InvalidRequestException("data", $"data has a table '{Echo.Quote(name)}' that is not in the dataset; its tables are {string.Join(", ", tables.Keys)}");
        }

        // GenerateDataset sends no chunk for an empty table, so a table left out is an empty one; keys into it are orphans.
        var warnings = new List<string>(plan.Warnings);
        warnings.AddRange(plan.Tables.Where(t => !input.Data.ContainsKey(t.Name)).Select(t => $"no rows were sent for table {t.Name}: it is checked as empty"));

        var sink = new ViolationSink();
        var rows = new Dictionary<DatasetTable, List<DataRecord>>();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in plan.Tables)
        {
            var text = input.Data.GetValueOrDefault(table.Name, "");
            if (string.IsNullOrWhiteSpace(text))
            {
                rows[table] = [];
                counts[table.Name] = 0;
                continue;
            }

            var report = Parse(() => records.Validate(text, input.Format, table.OutputSchema), table);
            foreach (var violation in report.Violations)
            {
                sink.Add(new DatasetViolation(table.Name, violation.RecordIndex, violation.Field, violation.Rule, violation.Message));
            }

            rows[table] = Parse(() => RecordReader.Read(text, input.Format, name => table.OutputSchema.FindField(name)?.Kind ?? FieldKind.String).ToList(), table);
            counts[table.Name] = rows[table].Count;
        }

        var links = new IndexedRowLinks(rows, (row, key) =>
            sink.Add(new DatasetViolation(row.Table.Name, row.Key, row.Table.PrimaryKey!, "primary_key", $"{row.Table.Name} row {row.Key}: {row.Table.PrimaryKey} '{Echo.Quote(key)}' is held by an earlier row too")));
        foreach (var table in plan.Tables)
        {
            var tableRows = rows[table];
            for (var i = 0; i < tableRows.Count; i++)
            {
                var row = new DatasetRow(table, i, tableRows[i]);
                CrossTableRules.Check(row, plan, links, sink);
                ChildCounts(row, plan, links, sink);
            }
        }

        return new DatasetCheckReport(counts, sink.Violations, sink.Count, sink.Orphans, sink.Score, warnings);
    }

    /// <summary>Each of the row's child tables has min_per_parent … max_per_parent rows under it.</summary>
    private static void ChildCounts(DatasetRow row, DatasetPlan plan, IndexedRowLinks links, ViolationSink sink)
    {
        if (row.Table.PrimaryKey is not { } primaryKey || CrossTableRules.KeyText(row.Values.GetValueOrDefault(primaryKey)) is not { } key)
        {
            return;
        }

        foreach (var child in plan.Tables.Where(t => t.Parent == row.Table))
        {
            var count = links.ChildCount(child, key);
            var held = count >= child.MinPerParent && count <= child.MaxPerParent;
            sink.Rule(row, child.Name, "children_per_parent", held, $"it has {count} rows of {child.Name}; {child.MinPerParent} to {child.MaxPerParent} are allowed (min_per_parent, max_per_parent)");
        }
    }

    private static T Parse<T>(Func<T> parse, DatasetTable table)
    {
        try
        {
            return parse();
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidRequestException($"data[{table.Name}]", $"data[{table.Name}]: {ex.Message}");
        }
    }

    /// <summary>Collects violations (at most <see cref="DataValidationService.MaxReportedViolations"/>), counts all of them, and scores the rules.</summary>
    private sealed class ViolationSink : IDatasetRuleSink
    {
        private readonly List<DatasetViolation> _violations = [];
        private long _checked;
        private long _held;

        public IReadOnlyList<DatasetViolation> Violations => _violations;

        public long Count { get; private set; }

        public long Orphans { get; private set; }

        public float Score => _checked == 0 ? 1f : (float)((double)_held / _checked);

        public void Add(DatasetViolation violation)
        {
            Count++;
            if (_violations.Count < DataValidationService.MaxReportedViolations)
            {
                _violations.Add(violation);
            }
        }

        public void Rule(DatasetRow row, string field, string rule, bool held, string description)
        {
            _checked++;
            _held += held ? 1 : 0;
            if (!held)
            {
                Add(new DatasetViolation(row.Table.Name, row.Key, field, rule, $"{row.Table.Name} row {row.Key}: {field} breaks {rule}: {description}"));
            }
        }

        public void Orphan(DatasetRow row, DatasetReference reference)
        {
            Orphans++;
            var key = CrossTableRules.KeyText(row.Values.GetValueOrDefault(reference.Column)) ?? "(none)";
            Add(new DatasetViolation(row.Table.Name, row.Key, reference.Column, "orphan", $"{row.Table.Name} row {row.Key}: {reference.Column} '{Echo.Quote(key)}' names no row of {reference.Target.Name}"));
        }
    }
}
