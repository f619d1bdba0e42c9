using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Datasets.Rules;

/// <summary>
/// A row of a dataset table as the cross-table rules see it: its table, its key (the generator's key, or its position in
/// the caller's table when validating) and its values.
/// </summary>
public readonly record struct DatasetRow(DatasetTable Table, long Key, DataRecord Values);
