using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace TestDataAgent.Api.Access;

/// <summary>
/// Each caller's <c>RequestsPerSecond</c>, as the partitions of ASP.NET Core's rate limiting policy: counted in Redis when it
/// is configured, so all replicas share one limit (<see cref="SharedRequestRateLimiter"/>), else a token bucket per caller in
/// this process. While Redis is slow or down, calls are counted by this replica's token bucket instead (a caller may then
/// get up to one limit per replica): logged once when it starts and when it ends, counted in
/// <c>testdata_caller_rate_counted_locally_total</c>, and said in a generation response's <c>warnings</c>.
/// </summary>
internal sealed partial class CallerRequestRate(
    Callers callers,
    CallerMetrics metrics,
    IHttpContextAccessor accessor,
    TimeProvider time,
    ILogger<CallerRequestRate> logger,
    IRequestRateCounter? shared = null)
{
    /// <summary>Set on a request whose call was counted by this replica alone; <see cref="CallerQuotaInterceptor"/> warns of it.</summary>
    public const string CountedLocallyItem = "testdata.rate.counted_locally";

    public const string CountedLocallyWarning = "rate: Redis is unavailable or slow; the caller's RequestsPerSecond was counted by this replica alone";

    // 1 while calls are counted locally, so the switch is logged once each way rather than on every call.
    private int _countingLocally;

    public RateLimitPartition<string> PartitionOf(HttpContext context)
    {
        var caller = callers.Of(context);
        var perSecond = caller.Limits.RequestsPerSecond;
        if (perSecond <= 0)
        {
            return RateLimitPartition.GetNoLimiter(caller.Name);
        }

        return shared is null
            ? RateLimitPartition.Get(caller.Name, _ => LocalLimiter(perSecond))
            : RateLimitPartition.Get<string>(caller.Name, _ => new SharedRequestRateLimiter(caller, shared, this, time));
    }

    public static RateLimiter LocalLimiter(int perSecond) => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
    {
        TokenLimit = perSecond,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    });

    public ValueTask RejectAsync(OnRejectedContext rejected)
    {
        var context = rejected.HttpContext;
        var caller = callers.Of(context);
        metrics.Refused(caller, "requests_per_second");
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        return new ValueTask(CallRefusals.WriteAsync(context, CallRefusals.ResourceExhausted, StatusCodes.Status429TooManyRequests,
            $"The caller is over its {caller.Limits.RequestsPerSecond} calls per second (its RequestsPerSecond); retry after the Retry-After time.", wait));
    }

    internal void CountedLocally(Caller caller)
    {
        metrics.RateCountedLocally(caller);
        if (accessor.HttpContext is { } http)
        {
            http.Items[CountedLocallyItem] = true;
        }

        if (Interlocked.Exchange(ref _countingLocally, 1) == 0)
        {
            LogCountingLocally();
        }
    }

    internal void CountedShared()
    {
        if (Interlocked.Exchange(ref _countingLocally, 0) == 1)
        {
            LogCountingShared();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Requests per second are counted by this replica alone: Redis is unavailable or slow")]
    private partial void LogCountingLocally();

    [LoggerMessage(Level = LogLevel.Information, Message = "Requests per second are counted across replicas in Redis again")]
    private partial void LogCountingShared();
}
