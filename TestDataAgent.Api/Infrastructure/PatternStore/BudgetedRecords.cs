using System.Collections.Frozen;
using TestDataAgent.Generators.Rag.Store;

namespace TestDataAgent.Api.Infrastructure.PatternStore;

/// <summary>
/// The live records while a log is replayed, never much over the budget: once they pass it by an eighth, the ones the
/// eviction order puts first go until they are within it again, so loading a log written under a larger budget (or
/// none) holds about the budget, not the log. Trimming only past the slack keeps the sorting to O(n log n) a trim, and
/// a trim every n/8 lines, instead of one per line. The IDs of evicted records are kept while loading (tens of bytes
/// each, not the records), so one the log deletes or writes again later is not counted as evicted.
/// </summary>
internal sealed class BudgetedRecords(PatternBudget budget)
{
    private readonly PatternBudget _slack = new(
        budget.MaxPatterns + Math.Max(1, budget.MaxPatterns / 8),
        budget.MaxBytes > long.MaxValue - (budget.MaxBytes / 8) ? long.MaxValue : budget.MaxBytes + (budget.MaxBytes / 8));

    private readonly HashSet<string> _evicted = new(StringComparer.Ordinal);

    public Dictionary<string, StoredPattern> Records { get; } = new(StringComparer.Ordinal);

    public long Bytes { get; private set; }

    /// <summary>How many records of the log are not loaded because of the budget.</summary>
    public int Evicted => _evicted.Count;

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
        _evicted.Remove(id);
        Remove(id);
    }

    /// <summary>Evicts down to the budget itself.</summary>
    public void Trim()
    {
        foreach (var victim in budget.Victims(Records, Bytes, FrozenSet<string>.Empty))
        {
            Remove(victim.Id);
            _evicted.Add(victim.Id);
        }
    }

    private void Remove(string id)
    {
        if (Records.Remove(id, out var old))
        {
            Bytes -= PatternBudget.Footprint(old);
        }
    }
}
