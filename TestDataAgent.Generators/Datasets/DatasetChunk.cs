namespace TestDataAgent.Generators.Datasets;

/// <summary>One streamed piece of a dataset: rows of one table (or, in SQL, the DDL of every table), and the summary on the last.</summary>
public sealed record DatasetChunk(string Table, string Data, int Index, bool IsFinal, DatasetSummary? Summary);
