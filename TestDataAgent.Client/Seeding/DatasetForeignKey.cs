namespace TestDataAgent.Client.Seeding;

/// <summary>A <c>REFERENCES</c> clause of the dataset's DDL: <c>Table.Column</c> refers to <c>ParentTable.ParentColumn</c>.</summary>
internal sealed record DatasetForeignKey(string Table, string Column, string ParentTable, string ParentColumn);
