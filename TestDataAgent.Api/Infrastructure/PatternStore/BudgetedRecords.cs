using System.Collections.Frozen;
using TestDataAgent.Generators.Rag.Store;

namespace TestDataAgent.Api.Infrastructure.PatternStore;

/// <summary>
/// The live records while a log is replayed, never much over the budget: once they pass it by an eighth, the ones the
/// eviction order puts first go until they are within it again, so loading a log written under a larger budget (or
/// none) holds about the budget, not the log. Trimming only past the slack keeps the sorting to O(n log n) a trim, and
/// a trim every n/8 lines, instead of one per line.
/// </summary>
internal sealed class BudgetedRecords(PatternBudget budget)
{
    private readonly PatternBudget _slack = new(
        budget.MaxPatterns + Math.Max(1, budget.MaxPatterns / 8),
        budget.MaxBytes > long.MaxValue - (budget.MaxBytes / 8) ? long.MaxValue : budget.MaxBytes + (budget.MaxBytes / 8));

    public Dictionary<string, StoredPattern> Records { get; } = new(StringComparer.Ordinal);

    public long Bytes { get; private set; }

    /// <summary>How many records were evicted to keep within the budget.</summary>
    public int Evicted { get; private set; }

    public void Upsert(StoredPattern record)
    {
        Delete(record.Id);
        Records[record.Id] = record;
        Bytes += PatternBudget.Footprint(record);
        if (!_slack.Holds(Records.Count, Bytes))
        {
            Trim();
        }
    }

    public void Delete(string id)
    {
        if (Records.Remove(id, out var old))
        {
            Bytes -= PatternBudget.Footprint(old);
        }
    }

    /// <summary>Evicts down to the budget itself.</summary>
    public void Trim()
    {
        foreach (var victim in budget.Victims(Records, Bytes, FrozenSet<string>.Empty))
        {
            Delete(victim.Id);
            Evicted++;
        }
    }
}
