using System.Diagnostics;

namespace TestDataAgent.Benchmarks.Load;

/// <summary>
/// Concurrent callers in closed loops for a fixed time after a warm-up, bounded in calls too; what any unary call
/// (the Api's or the echo's) is measured with, so the two figures are comparable.
/// </summary>
internal static class ClosedLoop
{
    /// <summary>A warm-up phase (not measured), then the measured phase with its CPU time, GC pauses and collections.</summary>
    public static async Task<LoadMeasurement> MeasureAsync(LoadOptions options, Func<int, CancellationToken, Task<CallOutcome>> call, CancellationToken cancellationToken)
    {
        if (options.Warmup > TimeSpan.Zero)
        {
            await RunPhaseAsync(options, options.Warmup, long.MaxValue, call, cancellationToken);
        }

        var pausedBefore = GC.GetTotalPauseDuration();
        var collectionsBefore = GC.CollectionCount(0);
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var phase = await RunPhaseAsync(options, options.Duration, options.MaxRequests, call, cancellationToken);
        var latencies = phase.Latencies;
        latencies.Sort();
        return new LoadMeasurement(latencies, phase.Errors, phase.FirstError, phase.ServerMilliseconds, phase.Elapsed,
            // CPU time per call is what other work on a busy machine distorts least.
            Environment.CpuUsage.TotalTime - cpuBefore, GC.GetTotalPauseDuration() - pausedBefore, GC.CollectionCount(0) - collectionsBefore);
    }

    private static async Task<Phase> RunPhaseAsync(LoadOptions options, TimeSpan duration, long maxCalls, Func<int, CancellationToken, Task<CallOutcome>> call,
        CancellationToken cancellationToken)
    {
        var budget = new CallBudget(Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency), maxCalls);
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, options.Concurrency)
            .Select(worker => Task.Run(() => CallInLoopAsync(worker, call, budget, cancellationToken), cancellationToken))
            .ToArray();
        var results = await Task.WhenAll(workers);

        // In-flight calls finish after the deadline; the elapsed time counts them.
        return new Phase(
            [.. results.SelectMany(r => r.Latencies)],
            results.Sum(r => r.Errors),
            results.Select(r => r.FirstError).FirstOrDefault(e => e is not null),
            results.Sum(r => r.ServerMilliseconds),
            Stopwatch.GetElapsedTime(started));
    }

    private static async Task<Phase> CallInLoopAsync(int worker, Func<int, CancellationToken, Task<CallOutcome>> call, CallBudget budget, CancellationToken cancellationToken)
    {
        var latencies = new List<double>(4096);
        var errors = 0;
        var serverMilliseconds = 0.0;
        string? firstError = null;
        while (!cancellationToken.IsCancellationRequested && budget.TryStartCall())
        {
            var started = Stopwatch.GetTimestamp();
            var outcome = await call(worker, cancellationToken);
            if (outcome.Error is null)
            {
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                serverMilliseconds += outcome.ServerMilliseconds;
            }
            else if (!cancellationToken.IsCancellationRequested)
            {
                errors++;
                firstError ??= outcome.Error;
            }
        }

        return new Phase(latencies, errors, firstError, serverMilliseconds, TimeSpan.Zero);
    }

    private sealed record Phase(List<double> Latencies, int Errors, string? FirstError, double ServerMilliseconds, TimeSpan Elapsed);

    /// <summary>When the phase ends and how many calls it may still start; shared by its callers.</summary>
    private sealed class CallBudget(long endTimestamp, long maxCalls)
    {
        private long _started;

        public bool TryStartCall() => Stopwatch.GetTimestamp() < endTimestamp && Interlocked.Increment(ref _started) <= maxCalls;
    }
}
