namespace TestDataAgent.Generators.Validation;

/// <summary>What checking a caller's records found; <see cref="Violations"/> is capped, the counts are not.</summary>
public sealed record ValidationReport(int RecordCount, int InvalidCount, IReadOnlyList<RuleViolation> Violations, double CoherenceScore)
{
    public bool Valid => InvalidCount == 0;
}
