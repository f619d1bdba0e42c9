namespace TestDataAgent.Client.Seeding;

/// <summary>A dataset table as its DDL declares it.</summary>
internal sealed record DatasetTableShape(string Name, IReadOnlyList<DatasetColumn> Columns);
