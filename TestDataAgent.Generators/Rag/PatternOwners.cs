using TestDataAgent.Generators.Rag.Store;

namespace TestDataAgent.Generators.Rag;

/// <summary>
/// Who recorded a pattern, and what recording it again may change: a caller who already recorded it changes nothing (its
/// usage and quality cannot be raised by re-sending); another caller recording the same record is a real recurrence, so
/// usage counts it once and the higher quality is kept.
/// </summary>
public static class PatternOwners
{
    /// <summary>Owners kept per pattern; past this, further callers still count once each but are not named.</summary>
    public const int MaxOwners = 16;

    /// <summary>Folds <paramref name="existing"/>, as stored, into the <paramref name="recorded"/> pattern from <paramref name="owner"/>.</summary>
    public static void Merge(StoredPattern recorded, StoredPattern existing, string owner)
    {
        var owners = existing.Owners.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        recorded.CreatedAt = existing.CreatedAt;
        if (owner.Length > 0 && owners.Contains(owner, StringComparer.Ordinal))
        {
            recorded.UsageCount = existing.UsageCount;
            recorded.QualityScore = existing.QualityScore;
            recorded.Owners = existing.Owners;
            return;
        }

        recorded.UsageCount = existing.UsageCount + 1;
        recorded.QualityScore = Math.Max(existing.QualityScore, recorded.QualityScore);
        recorded.Owners = owners.Length < MaxOwners && owner.Length > 0 ? string.Join('\n', [.. owners, owner]) : existing.Owners;
    }
}
