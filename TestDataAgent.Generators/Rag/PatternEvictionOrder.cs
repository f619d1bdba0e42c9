using TestDataAgent.Generators.Rag.Store;

namespace TestDataAgent.Generators.Rag;

/// <summary>
/// Which stored patterns go first when a store is over its budget: recorded patterns before the shipped seed corpus
/// (<see cref="PatternIds.IsSeed"/>), then the lowest quality score, then the least used, then the oldest, and for
/// patterns equal in all of these the later ID, so the choice never depends on the order they were loaded in.
/// </summary>
public sealed class PatternEvictionOrder : IComparer<StoredPattern>
{
    public static readonly PatternEvictionOrder Instance = new();

    public int Compare(StoredPattern? x, StoredPattern? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var seed = PatternIds.IsSeed(x.Id).CompareTo(PatternIds.IsSeed(y.Id));
        if (seed != 0)
        {
            return seed;
        }

        var quality = x.QualityScore.CompareTo(y.QualityScore);
        if (quality != 0)
        {
            return quality;
        }

        var usage = x.UsageCount.CompareTo(y.UsageCount);
        if (usage != 0)
        {
            return usage;
        }

        var age = x.CreatedAt.CompareTo(y.CreatedAt);
        return age != 0 ? age : string.CompareOrdinal(y.Id, x.Id);
    }
}
