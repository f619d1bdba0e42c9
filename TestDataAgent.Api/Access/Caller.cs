namespace TestDataAgent.Api.Access;

/// <summary>
/// Who a call comes from, for limits, quotas and metrics. <see cref="Name"/> partitions the limits (one per key,
/// certificate or JWT subject; one per client address for anonymous callers); <see cref="Label"/> is its bounded metric
/// label (configured names, or just <c>jwt</c> / <c>anonymous</c>).
/// </summary>
public sealed record Caller(string Name, string Label, CallerLimitsOptions Limits);
