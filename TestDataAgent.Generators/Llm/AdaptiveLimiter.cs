namespace TestDataAgent.Generators.Llm;

/// <summary>
/// Bounds one request's calls in flight: at most the configured concurrency, halved whenever a provider throttled
/// (429) since the last call finished, grown back by one after each call that saw none (additive increase,
/// multiplicative decrease). Never below one.
/// </summary>
internal sealed class AdaptiveLimiter(int maxConcurrency, LlmThrottle throttle)
{
    private readonly int _max = maxConcurrency;
    private readonly Lock _gate = new();
    private readonly Queue<TaskCompletionSource> _waiters = new();
    private int _limit = maxConcurrency;
    private int _inFlight;
    private long _seenThrottles = throttle.Count;

    public int Limit
    {
        get
        {
            lock (_gate)
            {
                return _limit;
            }
        }
    }

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_gate)
        {
            if (_inFlight < _limit)
            {
                _inFlight++;
                return;
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(waiter);
        }

        using (cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken)))
        {
            await waiter.Task;
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            var throttles = throttle.Count;
            _limit = throttles > _seenThrottles ? Math.Max(1, _limit / 2) : Math.Min(_max, _limit + 1);
            _seenThrottles = throttles;
            _inFlight--;
            while (_inFlight < _limit && _waiters.TryDequeue(out var next))
            {
                // A waiter cancelled meanwhile gives its place to the next one.
                if (next.TrySetResult())
                {
                    _inFlight++;
                }
            }
        }
    }
}
