namespace TestDataAgent.Generators.Datasets.Checking;

/// <summary>What checking a caller's tables found; <see cref="Violations"/> is capped, the counts are not.</summary>
public sealed record DatasetCheckReport(
    IReadOnlyDictionary<string, long> RowCounts,
    IReadOnlyList<DatasetViolation> Violations,
    long ViolationCount,
    long OrphanCount,
    float CoherenceScore,
    IReadOnlyList<string> Warnings)
{
    public bool Valid => ViolationCount == 0;
}
