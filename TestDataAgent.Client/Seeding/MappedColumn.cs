namespace TestDataAgent.Client.Seeding;

/// <summary>A database column and the dataset field that fills it.</summary>
internal sealed record MappedColumn(TargetColumn Target, string Source, string SourceSqlType);
