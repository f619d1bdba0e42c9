namespace TestDataAgent.Generators.Validation;

/// <summary>A record that breaks a rule: which record, which field (a path), which rule, and a readable message.</summary>
public sealed record RuleViolation(long RecordIndex, string Field, string Rule, string Message);
