namespace TestDataAgent.Client.Seeding;

/// <summary>A database table as its catalog describes it: its columns in order and its primary key columns.</summary>
internal sealed record TargetTable(string Name, IReadOnlyList<TargetColumn> Columns, IReadOnlyList<string> PrimaryKey);
