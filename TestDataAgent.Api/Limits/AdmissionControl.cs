using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using TestDataAgent.Generators.Observability;

namespace TestDataAgent.Api.Limits;

/// <summary>
/// Admits expensive work: a global <see cref="ConcurrencyLimiter"/> of slots with a short queue (a call takes as many slots
/// as its memory warrants), a heap check against the memory the GC may use, and a per-caller cap on open streams. A call that does not fit is refused before any of its work is
/// done (<see cref="AdmissionRefusedException"/>), counted in <c>testdata_admission_shed{reason}</c> and logged; an
/// admitted call holds its lease until it ends.
/// </summary>
public sealed partial class AdmissionControl : IDisposable
{
    private static readonly TimeSpan s_collectInterval = TimeSpan.FromSeconds(1);

    private readonly AdmissionOptions _options;
    private readonly ConcurrencyLimiter _expensive;
    private readonly PartitionedRateLimiter<string> _streams;
    private readonly Func<HeapLoad> _heap;
    private readonly TimeProvider _time;
    private readonly Counter<long> _shed;
    private readonly ILogger<AdmissionControl> _logger;
    private long _lastCollection;

    public AdmissionControl(IOptions<AdmissionOptions> options, IMeterFactory meterFactory, TimeProvider time, ILogger<AdmissionControl> logger)
        : this(options.Value, HeapLoad.Now, meterFactory, time, logger)
    {
    }

    internal AdmissionControl(AdmissionOptions options, Func<HeapLoad> heap, IMeterFactory meterFactory, TimeProvider time, ILogger<AdmissionControl> logger)
    {
        _options = options;
        _heap = heap;
        _time = time;
        _logger = logger;
        _expensive = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.MaxConcurrentExpensive,
            QueueLimit = options.QueueLength,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        var perCaller = options.MaxStreamsPerCaller;
        _streams = PartitionedRateLimiter.Create<string, string>(caller => RateLimitPartition.GetConcurrencyLimiter(
            caller,
            _ => new ConcurrencyLimiterOptions { PermitLimit = perCaller, QueueLimit = 0 }));

        var meter = meterFactory.Create(TestDataMetrics.MeterName);
        _shed = meter.CreateCounter<long>("testdata_admission_shed",
            description: "Calls refused by admission control, by reason (busy, queue_timeout, memory, caller_streams)");
        meter.CreateObservableGauge("testdata_admission_in_flight",
            () => (long)options.MaxConcurrentExpensive - (_expensive.GetStatistics()?.CurrentAvailablePermits ?? 0),
            description: "Slots for expensive work taken by the calls being served");
        meter.CreateObservableGauge("testdata_admission_queued",
            () => QueuedSlots,
            description: "Slots the calls waiting in the queue ask for");
    }

    /// <summary>Slots the calls waiting in the queue ask for.</summary>
    public long QueuedSlots => _expensive.GetStatistics()?.CurrentQueuedCount ?? 0;

    private TimeSpan RetryAfter => TimeSpan.FromSeconds(_options.RetryAfterSeconds);

    /// <summary>
    /// <paramref name="slots"/> slots (at most <see cref="AdmissionOptions.MaxConcurrentExpensive"/>) for one expensive
    /// call, waiting in the queue while they are taken; dispose the lease when the call ends.
    /// </summary>
    /// <exception cref="AdmissionRefusedException">The heap is near its limit, the queue is full, or no slot freed in time.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled while it waited.</exception>
    public async ValueTask<IDisposable> AdmitExpensiveAsync(int slots, CancellationToken cancellationToken)
    {
        CheckHeap();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(_options.MaxQueueWaitMilliseconds), _time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        slots = Math.Clamp(slots, 1, _options.MaxConcurrentExpensive);
        RateLimitLease lease;
        try
        {
            lease = await _expensive.AcquireAsync(slots, wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Refuse("queue_timeout", string.Create(CultureInfo.InvariantCulture,
                $"The service is busy: no slot for expensive work freed within {_options.MaxQueueWaitMilliseconds} ms (Admission:MaxQueueWaitMilliseconds; Admission:MaxConcurrentExpensive is {_options.MaxConcurrentExpensive}); retry after {_options.RetryAfterSeconds} s"));
        }

        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw Refuse("busy", string.Create(CultureInfo.InvariantCulture,
                $"The service is busy: this call needs {slots} of its {_options.MaxConcurrentExpensive} slots for expensive work, they are taken, and the queue for {_options.QueueLength} is full (Admission:MaxConcurrentExpensive, Admission:QueueLength); retry after {_options.RetryAfterSeconds} s"));
        }

        try
        {
            // The heap may have filled while the call waited.
            CheckHeap();
            return lease;
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>One of <paramref name="caller"/>'s open streams; dispose it when the stream ends.</summary>
    /// <exception cref="AdmissionRefusedException">The caller already has <see cref="AdmissionOptions.MaxStreamsPerCaller"/> open.</exception>
    public IDisposable AdmitStream(string caller)
    {
        var lease = _streams.AttemptAcquire(caller);
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        throw Refuse("caller_streams", string.Create(CultureInfo.InvariantCulture,
            $"This caller already has {_options.MaxStreamsPerCaller} streams open (Admission:MaxStreamsPerCaller); finish one or retry after {_options.RetryAfterSeconds} s"));
    }

    private void CheckHeap()
    {
        if (_options.MaxHeapLoadPercent >= 100)
        {
            return;
        }

        var heap = _heap();
        if (heap.Percent > _options.MaxHeapLoadPercent && CollectIfDue())
        {
            heap = _heap();
        }

        if (heap.Percent > _options.MaxHeapLoadPercent)
        {
            throw Refuse("memory", string.Create(CultureInfo.InvariantCulture,
                $"The service is short of memory: the heap holds {heap.Percent:0}% of the {heap.LimitBytes / (1024 * 1024)} MiB it may use, over Admission:MaxHeapLoadPercent ({_options.MaxHeapLoadPercent}%); retry after {_options.RetryAfterSeconds} s"));
        }
    }

    /// <summary>
    /// The heap reads as full until the GC runs, and large garbage (answers already sent) is only collected by a full
    /// collection, which only new large allocations would trigger: refusing them would keep the heap "full" for good. So
    /// before refusing for memory, collect (at most once per <see cref="s_collectInterval"/>) and look again.
    /// </summary>
    private bool CollectIfDue()
    {
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _lastCollection);
        if ((last != 0 && _time.GetElapsedTime(last, now) < s_collectInterval) || Interlocked.CompareExchange(ref _lastCollection, now, last) != last)
        {
            return false;
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
        return true;
    }

    private AdmissionRefusedException Refuse(string reason, string message)
    {
        _shed.Add(1, new KeyValuePair<string, object?>("reason", reason));
        LogShed(reason, message);
        return new AdmissionRefusedException(reason, message, RetryAfter);
    }

    public void Dispose()
    {
        _expensive.Dispose();
        _streams.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shed a call ({Reason}): {Detail}")]
    private partial void LogShed(string reason, string detail);
}
