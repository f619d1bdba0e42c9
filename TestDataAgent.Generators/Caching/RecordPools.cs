using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Observability;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Generators.Caching;

/// <summary>
/// Pools of validated model records per (entity, path, fingerprint of schema and constraints, context and hints), so
/// <c>use_cache</c> requests with the same intent spare model calls. A draw takes records once; a pool under its
/// low-water mark is refilled in the background, one refill per pool at a time, stopped when the service stops. All
/// refills share one budget, whatever the store: at most <c>Pool:MaxConcurrentRefills</c> at once and
/// <c>Pool:MaxRefillRecordsPerMinute</c> records a minute; a refill that does not fit is skipped, not queued.
/// </summary>
public sealed partial class RecordPools(IRecordPool store, IOptions<PoolOptions> options, TestDataMetrics metrics, TimeProvider timeProvider,
    ILogger<RecordPools> logger) : IDisposable
{
    private static readonly TimeSpan s_budgetWindow = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();

    // Running refills only: a finished one removes itself, so new contexts never grow this.
    private readonly Dictionary<string, Task> _refills = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _windowRecords;

    public bool Enabled => options.Value.Enabled;

    /// <summary>The pool of a request: what decides which records are interchangeable, never the seed, count or overrides.</summary>
    public static string KeyFor(GenerationRequest request, GenerationPath path)
    {
        var hash = RequestFingerprint.OfPool(request)[..32];
        return $"testdata:pool:{ServiceVersion.Full}:{request.Entity}:{path.ToWireName()}:{hash}";
    }

    public async Task<IReadOnlyList<DataRecord>> TakeAsync(string key, int count, CancellationToken cancellationToken)
    {
        var records = await store.TakeAsync(key, count, cancellationToken);
        metrics.PoolRecords("drawn", records.Count);
        return records;
    }

    /// <summary>
    /// Refills the pool in the background when it is under its low-water mark, no refill runs for it, and the shared
    /// refill budget has room.
    /// </summary>
    public async Task RefillIfLowAsync(string key, Func<int, CancellationToken, Task<IReadOnlyList<DataRecord>>> make, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var size = await store.CountAsync(key, cancellationToken);
        if (size < 0 || size >= settings.LowWater || _stopping.IsCancellationRequested)
        {
            return;
        }

        string? skipped = null;
        lock (_gate)
        {
            if (_refills.ContainsKey(key))
            {
                return;
            }

            var now = timeProvider.GetUtcNow();
            if (now - _windowStart >= s_budgetWindow)
            {
                _windowStart = now;
                _windowRecords = 0;
            }

            var count = Math.Min(settings.RefillRecords, settings.MaxRefillRecordsPerMinute - _windowRecords);
            if (_refills.Count >= settings.MaxConcurrentRefills)
            {
                skipped = "busy";
            }
            else if (count <= 0)
            {
                skipped = "budget";
            }
            else
            {
                _windowRecords += count;
                // Not awaited: the request goes on while the pool fills.
                _refills[key] = Task.Run(() => RefillAsync(key, count, make, settings), CancellationToken.None);
            }
        }

        metrics.PoolRefill(skipped is null ? "started" : $"skipped_{skipped}");
        if (skipped is not null)
        {
            LogRefillSkipped(key, skipped == "busy"
                ? $"Pool:MaxConcurrentRefills ({settings.MaxConcurrentRefills}) refills are running"
                : $"Pool:MaxRefillRecordsPerMinute ({settings.MaxRefillRecordsPerMinute}) records were asked for this minute");
        }
    }

    private async Task RefillAsync(string key, int count, Func<int, CancellationToken, Task<IReadOnlyList<DataRecord>>> make, PoolOptions settings)
    {
        try
        {
            var records = await make(count, _stopping.Token);
            if (records.Count > 0)
            {
                var size = await store.AddAsync(key, records, settings.MaxSize, _stopping.Token);
                metrics.PoolRecords("refilled", records.Count);
                LogRefilled(records.Count, key, size);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A refill is a bonus: its failure costs the next request a model call, nothing more.
            LogRefillFailed(ex, key);
        }
        finally
        {
            lock (_gate)
            {
                _refills.Remove(key);
            }
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refilled record pool {Pool} with {Count} records (now {Size})")]
    private partial void LogRefilled(int count, string pool, long size);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refilling record pool {Pool} failed")]
    private partial void LogRefillFailed(Exception exception, string pool);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Record pool {Pool} is low but was not refilled: {Reason}")]
    private partial void LogRefillSkipped(string pool, string reason);
}
