using TestDataAgent.Generators.Rag;
using TestDataAgent.Generators.Rag.Store;

namespace TestDataAgent.Api.Infrastructure.PatternStore;

/// <summary>
/// How much one embedded collection keeps (<see cref="EmbeddedStoreOptions.MaxPatternsPerCollection"/>,
/// <see cref="EmbeddedStoreOptions.MaxBytesPerCollection"/>), and which patterns go when it holds more: those
/// <see cref="PatternEvictionOrder"/> puts first.
/// </summary>
internal sealed record PatternBudget(int MaxPatterns, long MaxBytes)
{
    // What a pattern holds besides its strings and vector: the object, its dictionary entry, its place in a partition.
    private const int Overhead = 256;

    public static readonly PatternBudget Default = new EmbeddedStoreOptions().Budget;

    /// <summary>The settings that set this budget, for logs and errors.</summary>
    public static string Settings =>
        $"{EmbeddedStoreOptions.SectionName}:{nameof(EmbeddedStoreOptions.MaxPatternsPerCollection)}, {EmbeddedStoreOptions.SectionName}:{nameof(EmbeddedStoreOptions.MaxBytesPerCollection)}";

    /// <summary>About how many bytes a loaded pattern takes in memory: its strings (UTF-16), its vector and a fixed overhead.</summary>
    public static long Footprint(StoredPattern p) =>
        Overhead + (sizeof(float) * (long)p.Embedding.Length) + (sizeof(char) * ((long)p.Id.Length + p.Domain.Length + p.Entity.Length + p.Scenario.Length
            + p.Description.Length + p.Data.Length + p.Distributions.Length + p.Severity.Length + p.EmbeddedText.Length));

    public bool Holds(int count, long bytes) => count <= MaxPatterns && bytes <= MaxBytes;

    /// <summary>
    /// The patterns to evict from <paramref name="records"/> (holding <paramref name="bytes"/>) to bring it within the
    /// budget: in eviction order, those not in <paramref name="keepFirst"/> before any that are.
    /// </summary>
    public List<StoredPattern> Victims(IReadOnlyDictionary<string, StoredPattern> records, long bytes, IReadOnlySet<string> keepFirst)
    {
        var victims = new List<StoredPattern>();
        var count = records.Count;
        if (Holds(count, bytes))
        {
            return victims;
        }

        var candidates = records.Values.ToArray();
        Array.Sort(candidates, (x, y) => keepFirst.Contains(x.Id) != keepFirst.Contains(y.Id)
            ? keepFirst.Contains(x.Id).CompareTo(keepFirst.Contains(y.Id))
            : PatternEvictionOrder.Instance.Compare(x, y));
        foreach (var candidate in candidates)
        {
            if (Holds(count, bytes))
            {
                break;
            }

            victims.Add(candidate);
            count--;
            bytes -= Footprint(candidate);
        }

        return victims;
    }
}
