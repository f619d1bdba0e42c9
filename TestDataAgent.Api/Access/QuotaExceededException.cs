namespace TestDataAgent.Api.Access;

/// <summary>A call over one of its caller's daily quotas (<see cref="Limit"/> names it); <see cref="RetryAfter"/> is the time until the UTC day ends.</summary>
public sealed class QuotaExceededException(string limit, string message, TimeSpan retryAfter) : Exception(message)
{
    public string Limit { get; } = limit;

    public TimeSpan RetryAfter { get; } = retryAfter;
}
