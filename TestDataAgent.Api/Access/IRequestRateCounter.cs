namespace TestDataAgent.Api.Access;

/// <summary>
/// Counts a caller's calls in fixed one-second windows shared by every replica (Redis), for <c>RequestsPerSecond</c>.
/// Without a shared store there is none of these, and each replica limits its callers in its own memory.
/// </summary>
public interface IRequestRateCounter
{
    /// <summary>
    /// Counts one call of <paramref name="caller"/> in one-second window number <paramref name="window"/> (Unix seconds) and returns the window's
    /// count so far, or <see langword="null"/> when the shared count cannot be reached in time (the caller then counts in memory).
    /// </summary>
    ValueTask<long?> CountAsync(string caller, long window, CancellationToken cancellationToken);
}
