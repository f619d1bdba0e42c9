namespace TestDataAgent.Generators.Datasets.Rules;

/// <summary>
/// How a row reaches the rows it is related to: from keys when the rows are generated (<see cref="GeneratedRowLinks"/>),
/// by key values when a caller's tables are checked (<see cref="Checking.IndexedRowLinks"/>). The rules are the same.
/// </summary>
public interface IDatasetRowLinks
{
    /// <summary>The row <paramref name="reference"/> of <paramref name="row"/> points at; null when it names no row (an orphan).</summary>
    DatasetRow? Target(DatasetRow row, DatasetReference reference);

    /// <summary>The parent row of <paramref name="row"/>; null for a root table's row or an orphan.</summary>
    DatasetRow? Parent(DatasetRow row);

    /// <summary>The rows of <paramref name="child"/> whose parent is <paramref name="parent"/>, in order.</summary>
    IEnumerable<DatasetRow> Children(DatasetRow parent, DatasetTable child);
}
