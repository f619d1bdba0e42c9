using TestDataAgent.Generators.Rag.Store;

namespace TestDataAgent.Api.Infrastructure.PatternStore;

/// <summary>An immutable view of a collection: its records by ID and grouped by entity and domain, and their footprint. Writes publish a new one.</summary>
internal sealed class PatternSnapshot
{
    public static readonly PatternSnapshot Empty = new(new Dictionary<string, StoredPattern>(StringComparer.Ordinal));

    public PatternSnapshot(Dictionary<string, StoredPattern> records)
    {
        Records = records;
        Partitions = records.Values
            .GroupBy(r => PartitionKey(r.Entity, r.Domain), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        Bytes = records.Values.Sum(PatternBudget.Footprint);
    }

    /// <summary>About how many bytes the records take in memory (<see cref="PatternBudget.Footprint"/>).</summary>
    public long Bytes { get; }

    public IReadOnlyDictionary<string, StoredPattern> Records { get; }

    public IReadOnlyDictionary<string, StoredPattern[]> Partitions { get; }

    public static string PartitionKey(string entity, string domain) => $"{entity}\u001f{domain}";
}
