namespace TestDataAgent.Client.Seeding;

/// <summary>A dataset table as its DDL declares it: its columns and the foreign keys of its <c>REFERENCES</c> clauses.</summary>
internal sealed record DatasetTableShape(string Name, IReadOnlyList<DatasetColumn> Columns, IReadOnlyList<DatasetForeignKey> ForeignKeys);
