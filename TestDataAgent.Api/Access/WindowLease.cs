using System.Threading.RateLimiting;

namespace TestDataAgent.Api.Access;

/// <summary>A lease of <see cref="SharedRequestRateLimiter"/>: granted, or refused with the time until the window ends.</summary>
internal sealed class WindowLease : RateLimitLease
{
    public static readonly WindowLease Granted = new(acquired: true, retryAfter: null);

    /// <summary>Not decided without waiting: the limiter answers only when awaited.</summary>
    public static readonly WindowLease Undecided = new(acquired: false, retryAfter: null);

    private readonly TimeSpan? _retryAfter;

    private WindowLease(bool acquired, TimeSpan? retryAfter)
    {
        IsAcquired = acquired;
        _retryAfter = retryAfter;
    }

    public override bool IsAcquired { get; }

    public override IEnumerable<string> MetadataNames => _retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

    public static WindowLease Refused(TimeSpan retryAfter) => new(acquired: false, retryAfter);

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = _retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name ? wait : null;
        return metadata is not null;
    }
}
