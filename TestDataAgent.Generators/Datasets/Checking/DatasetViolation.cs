namespace TestDataAgent.Generators.Datasets.Checking;

/// <summary>A row of a caller's table that breaks a rule: the table, the row (its position, from 0), the field, the rule.</summary>
public sealed record DatasetViolation(string Table, long Row, string Field, string Rule, string Message);
