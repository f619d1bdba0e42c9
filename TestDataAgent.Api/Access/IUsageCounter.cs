namespace TestDataAgent.Api.Access;

/// <summary>
/// Counts what callers use per UTC day (records, model tokens): in Redis when it is configured, so every replica sees
/// the same totals, in this process otherwise.
/// </summary>
public interface IUsageCounter
{
    /// <summary>Adds <paramref name="amount"/> (negative to give back) to the counter <paramref name="key"/> and returns its new total.</summary>
    ValueTask<long> AddAsync(string key, long amount, CancellationToken cancellationToken);
}
