namespace TestDataAgent.Mcp;

/// <summary>
/// <c>generate_dataset</c>'s answer: each table's records (all, or the first that fit in <c>Mcp:MaxInlineBytes</c> across
/// the tables), the rows made per table, the seed, and when truncated, how to get the rest.
/// </summary>
public sealed record GeneratedDataset(
    string Format,
    IReadOnlyList<GeneratedTable> Tables,
    bool Truncated,
    long Seed,
    string? Rest);

/// <summary>One table of a <see cref="GeneratedDataset"/>: <see cref="RowsReturned"/> of its <see cref="RowsInDataset"/> (known when the dataset was made whole).</summary>
public sealed record GeneratedTable(string Name, string Data, int RowsReturned, long? RowsInDataset);
