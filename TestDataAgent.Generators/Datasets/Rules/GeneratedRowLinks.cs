namespace TestDataAgent.Generators.Datasets.Rules;

/// <summary>Related rows of a generated dataset, made again from their keys (<see cref="DatasetRows"/>): nothing is kept.</summary>
public sealed class GeneratedRowLinks(DatasetRows rows) : IDatasetRowLinks
{
    public DatasetRow? Target(DatasetRow row, DatasetReference reference)
    {
        var key = rows.Keys.TargetKey(row.Table, row.Key, reference);
        return rows.Keys.Exists(reference.Target, key) ? new DatasetRow(reference.Target, key, rows.Row(reference.Target, key)) : null;
    }

    public DatasetRow? Parent(DatasetRow row)
    {
        if (row.Table.Parent is not { } parent)
        {
            return null;
        }

        var key = DatasetKeys.ParentKey(row.Table, row.Key);
        return rows.Keys.Exists(parent, key) ? new DatasetRow(parent, key, rows.Row(parent, key)) : null;
    }

    public IEnumerable<DatasetRow> Children(DatasetRow parent, DatasetTable child)
    {
        foreach (var key in rows.Keys.ChildKeys(child, parent.Key))
        {
            yield return new DatasetRow(child, key, rows.Row(child, key));
        }
    }
}
