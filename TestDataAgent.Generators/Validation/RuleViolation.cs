namespace TestDataAgent.Generators.Validation;

/// <summary>A record that breaks a rule: which record, which field (a path), which rule, and a readable message.</summary>
public sealed record RuleViolation(long RecordIndex, string Field, string Rule, string Message)
{
    /// <summary>
    /// The value could not be checked (a pattern ran past its match timeout): reported, but it says how loaded the
    /// machine was, not that the value is wrong, so generation never redraws a record for it.
    /// </summary>
    public bool NotChecked { get; init; }
}
