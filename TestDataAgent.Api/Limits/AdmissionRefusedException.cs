namespace TestDataAgent.Api.Limits;

/// <summary>A call admission control sheds: the message names the bound and its setting; the caller may retry after a while.</summary>
public sealed class AdmissionRefusedException(string reason, string message, TimeSpan retryAfter) : Exception(message)
{
    /// <summary>Why, as a metric label: <c>busy</c>, <c>queue_timeout</c>, <c>memory</c> or <c>caller_streams</c>.</summary>
    public string Reason { get; } = reason;

    public TimeSpan RetryAfter { get; } = retryAfter;
}
