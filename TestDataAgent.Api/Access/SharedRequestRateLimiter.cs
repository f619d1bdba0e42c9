using System.Threading.RateLimiting;

namespace TestDataAgent.Api.Access;

/// <summary>
/// One caller's <c>RequestsPerSecond</c> across replicas: a fixed one-second window (by this replica's clock, so replicas
/// agree on windows as far as their clocks do) whose calls are counted in the shared store (<see cref="IRequestRateCounter"/>);
/// a call beyond the limit is refused with the time until the window ends. When the shared count cannot be reached in time,
/// the call is counted by this replica's own token bucket instead, and <see cref="CallerRequestRate"/> says so.
/// </summary>
internal sealed class SharedRequestRateLimiter(Caller caller, IRequestRateCounter counter, CallerRequestRate rate, TimeProvider time) : RateLimiter
{
    private const long WindowMilliseconds = 1_000;

    private readonly RateLimiter _local = CallerRequestRate.LocalLimiter(caller.Limits.RequestsPerSecond);
    private long _lastUsed = time.GetTimestamp();

    // ASP.NET Core's partitioned limiter drops a partition idle for a while; a new one counts on in the same shared window.
    public override TimeSpan? IdleDuration => time.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => _local.GetStatistics();

    // The shared count needs a round trip, so an attempt that may not wait is never granted: ASP.NET Core's rate limiting
    // then awaits AcquireAsync, which counts (bounded by Cache:RedisTimeoutMilliseconds).
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => permitCount == 0 ? WindowLease.Granted : WindowLease.Undecided;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (permitCount == 0)
        {
            return WindowLease.Granted;
        }

        Interlocked.Exchange(ref _lastUsed, time.GetTimestamp());
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var window = now / WindowMilliseconds;
        if (await counter.CountAsync(caller.Name, window, cancellationToken) is not { } count)
        {
            rate.CountedLocally(caller);
            return await _local.AcquireAsync(permitCount, cancellationToken);
        }

        rate.CountedShared();
        return count <= caller.Limits.RequestsPerSecond
            ? WindowLease.Granted
            : WindowLease.Refused(TimeSpan.FromMilliseconds(((window + 1) * WindowMilliseconds) - now));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _local.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await _local.DisposeAsync();
        await base.DisposeAsyncCore();
    }
}
