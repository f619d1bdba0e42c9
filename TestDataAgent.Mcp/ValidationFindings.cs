using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Mcp;

/// <summary>
/// <c>validate_data</c>'s answer: the <see cref="ValidationReport"/>'s counts and score, and its violations (row, field,
/// rule, message) as many as fit in <c>Mcp:MaxInlineBytes</c>; <see cref="ViolationsListed"/> of <see cref="ViolationCount"/>.
/// </summary>
public sealed record ValidationFindings(
    bool Valid,
    int RecordCount,
    int InvalidCount,
    double CoherenceScore,
    int ViolationCount,
    int ViolationsListed,
    IReadOnlyList<RuleViolation> Violations);
