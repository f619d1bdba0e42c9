namespace TestDataAgent.Client.Seeding;

/// <summary>A column of a dataset table, read from the dataset's DDL: its name, portable SQL type and constraints.</summary>
internal sealed record DatasetColumn(string Name, string SqlType, bool Required, bool PrimaryKey);
