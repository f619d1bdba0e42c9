namespace TestDataAgent.Generators.Datasets;

/// <summary>What a dataset holds, on its final chunk.</summary>
public sealed record DatasetSummary(
    IReadOnlyDictionary<string, long> RowCounts,
    long OrphanCount,
    IReadOnlyList<string> Warnings,
    long Seed,
    DateTimeOffset ReferenceTime,
    float CoherenceScore);
