using TestDataAgent.Generators.Datasets.Rules;
using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Datasets.Checking;

/// <summary>
/// Related rows of a caller's tables, found by key value: each table's rows by primary key, and each child table's rows
/// by the parent key they hold. A key that names no row is an orphan; a primary key held twice is found by the first row.
/// </summary>
public sealed class IndexedRowLinks : IDatasetRowLinks
{
    private readonly IReadOnlyDictionary<DatasetTable, List<DataRecord>> _rows;
    private readonly Dictionary<DatasetTable, Dictionary<string, int>> _byKey = [];
    private readonly Dictionary<DatasetTable, Dictionary<string, List<int>>> _byParent = [];

    public IndexedRowLinks(IReadOnlyDictionary<DatasetTable, List<DataRecord>> rows, Action<DatasetRow, string> duplicateKey)
    {
        _rows = rows;
        foreach (var (table, records) in rows)
        {
            if (table.PrimaryKey is { } primaryKey)
            {
                var byKey = _byKey[table] = new Dictionary<string, int>(records.Count, StringComparer.Ordinal);
                for (var i = 0; i < records.Count; i++)
                {
                    if (CrossTableRules.KeyText(records[i].GetValueOrDefault(primaryKey)) is { } key && !byKey.TryAdd(key, i))
                    {
                        duplicateKey(new DatasetRow(table, i, records[i]), key);
                    }
                }
            }

            if (ParentReference(table) is { } parent)
            {
                var byParent = _byParent[table] = new Dictionary<string, List<int>>(StringComparer.Ordinal);
                for (var i = 0; i < records.Count; i++)
                {
                    if (CrossTableRules.KeyText(records[i].GetValueOrDefault(parent.Column)) is { } key)
                    {
                        (byParent.TryGetValue(key, out var children) ? children : byParent[key] = []).Add(i);
                    }
                }
            }
        }
    }

    public DatasetRow? Target(DatasetRow row, DatasetReference reference) => Find(reference.Target, row.Values.GetValueOrDefault(reference.Column));

    public DatasetRow? Parent(DatasetRow row) => ParentReference(row.Table) is { } reference ? Target(row, reference) : null;

    public IEnumerable<DatasetRow> Children(DatasetRow parent, DatasetTable child)
    {
        if (parent.Table.PrimaryKey is not { } primaryKey
            || CrossTableRules.KeyText(parent.Values.GetValueOrDefault(primaryKey)) is not { } key
            || !_byParent.TryGetValue(child, out var byParent)
            || !byParent.TryGetValue(key, out var children))
        {
            yield break;
        }

        foreach (var i in children)
        {
            yield return new DatasetRow(child, i, _rows[child][i]);
        }
    }

    /// <summary>The number of rows of <paramref name="child"/> under the parent row with key text <paramref name="key"/>.</summary>
    public int ChildCount(DatasetTable child, string key) =>
        _byParent.TryGetValue(child, out var byParent) && byParent.TryGetValue(key, out var children) ? children.Count : 0;

    private DatasetRow? Find(DatasetTable table, object? value) =>
        CrossTableRules.KeyText(value) is { } key && _byKey.TryGetValue(table, out var byKey) && byKey.TryGetValue(key, out var i)
            ? new DatasetRow(table, i, _rows[table][i])
            : null;

    private static DatasetReference? ParentReference(DatasetTable table) =>
        table.Parent is { } parent ? table.References.FirstOrDefault(r => r.Target == parent && r.How == ReferenceKind.Parent) : null;
}
