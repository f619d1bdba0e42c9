using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Benchmarks.Load;

/// <summary>
/// Concurrent <c>GenerateData</c> callers in closed loops for a fixed time (after a warm-up), bounded in calls too:
/// requests/s and latency percentiles.
/// </summary>
internal static class UnaryScenario
{
    public static async Task<int> RunAsync(IReadOnlyList<TestDataService.TestDataServiceClient> clients, LoadOptions options, CancellationToken cancellationToken)
    {
        var request = LoadCommand.Request(options);

        // One call first: a refused request fails fast with the service's reason instead of 20 s of errors.
        var probe = await clients[0].GenerateDataAsync(request, deadline: DateTime.UtcNow + options.Timeout, cancellationToken: cancellationToken);
        if (!probe.Success)
        {
            Console.Error.WriteLine($"the service refused the request: {probe.Error}");
            return 1;
        }

        if (options.Warmup > TimeSpan.Zero)
        {
            await RunPhaseAsync(clients, request, options, options.Warmup, long.MaxValue, cancellationToken);
        }

        var pausedBefore = GC.GetTotalPauseDuration();
        var collectionsBefore = GC.CollectionCount(0);
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var result = await RunPhaseAsync(clients, request, options, options.Duration, options.MaxRequests, cancellationToken);
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        var collections = GC.CollectionCount(0) - collectionsBefore;
        // CPU time per call is what other work on a busy machine distorts least.
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var latencies = result.Latencies;
        var cpuPerCall = latencies.Count > 0 ? cpu.TotalMilliseconds / latencies.Count : 0;
        latencies.Sort();
        var requestsPerSecond = latencies.Count / result.Elapsed.TotalSeconds;

        Console.WriteLine();
        Console.WriteLine($"{latencies.Count:N0} calls in {result.Elapsed.TotalSeconds:N2} s ({options.Concurrency} callers on {clients.Count} channel(s)), {result.Errors} errors" +
            (result.FirstError is null ? "" : $"; first: {result.FirstError}"));
        Console.WriteLine($"latency ms: p50 {Percentile(latencies, 50):N2}, p95 {Percentile(latencies, 95):N2}, p99 {Percentile(latencies, 99):N2}, " +
            $"max {(latencies.Count > 0 ? latencies[^1] : 0):N2}, mean {(latencies.Count > 0 ? latencies.Average() : 0):N2}; " +
            $"server generation time mean {(latencies.Count > 0 ? result.ServerMilliseconds / latencies.Count : 0):N2} ms");
        Console.WriteLine($"CPU {cpu.TotalSeconds:N1} s ({cpu / result.Elapsed:N2} cores), {cpuPerCall:N2} ms per call (server and client when in process)");
        Console.WriteLine($"{collections} GCs, paused {paused.TotalMilliseconds:N0} ms ({paused / result.Elapsed:P1} of the run); load average after {ProcessMemory.LoadAverage()}");

        Console.WriteLine();
        Console.WriteLine("| scenario | entity | records/call | callers | duration (s) | calls | req/s | records/s | p50 (ms) | p95 (ms) | p99 (ms) | server gen mean (ms) | CPU (ms/call) | GC pause | errors |");
        Console.WriteLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| unary {options.Format} | {options.Entity} | {options.Count:N0} | {options.Concurrency} | {result.Elapsed.TotalSeconds:N1} | {latencies.Count:N0} | {requestsPerSecond:N0} | {requestsPerSecond * options.Count:N0} | {Percentile(latencies, 50):N2} | {Percentile(latencies, 95):N2} | {Percentile(latencies, 99):N2} | {(latencies.Count > 0 ? result.ServerMilliseconds / latencies.Count : 0):N2} | {cpuPerCall:N2} | {paused / result.Elapsed:P1} | {result.Errors} |"));

        return result.Errors == 0 ? 0 : 1;
    }

    private static async Task<PhaseResult> RunPhaseAsync(IReadOnlyList<TestDataService.TestDataServiceClient> clients, GenerateRequest request,
        LoadOptions options, TimeSpan duration, long maxCalls, CancellationToken cancellationToken)
    {
        var phase = new Phase(Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency), maxCalls);
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, options.Concurrency)
            .Select(i => Task.Run(() => CallInLoopAsync(clients[i % clients.Count], request, options, phase, cancellationToken), cancellationToken))
            .ToArray();
        var results = await Task.WhenAll(workers);

        // In-flight calls finish after the deadline; the elapsed time counts them.
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new PhaseResult(
            results.SelectMany(r => r.Latencies).ToList(),
            results.Sum(r => r.Errors),
            results.Select(r => r.FirstError).FirstOrDefault(e => e is not null),
            results.Sum(r => r.ServerMilliseconds),
            elapsed);
    }

    private static async Task<PhaseResult> CallInLoopAsync(TestDataService.TestDataServiceClient client, GenerateRequest request, LoadOptions options,
        Phase phase, CancellationToken cancellationToken)
    {
        var latencies = new List<double>(4096);
        var errors = 0;
        var serverMilliseconds = 0.0;
        string? firstError = null;
        while (!cancellationToken.IsCancellationRequested && phase.TryStartCall())
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var response = await client.GenerateDataAsync(request, deadline: DateTime.UtcNow + options.Timeout, cancellationToken: cancellationToken);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.Success && response.RecordCount == request.Count)
                {
                    latencies.Add(elapsed);
                    serverMilliseconds += response.Metadata.GenerationTimeMs;
                }
                else
                {
                    errors++;
                    firstError ??= response.Success ? $"{response.RecordCount} records instead of {request.Count}" : response.Error;
                }
            }
            catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
            {
                errors++;
                firstError ??= $"{ex.StatusCode}: {ex.Status.Detail}";
            }
        }

        return new PhaseResult(latencies, errors, firstError, serverMilliseconds, TimeSpan.Zero);
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(List<double> sorted, double percent) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private sealed record PhaseResult(List<double> Latencies, int Errors, string? FirstError, double ServerMilliseconds, TimeSpan Elapsed);

    /// <summary>When the phase ends and how many calls it may still start; shared by its callers.</summary>
    private sealed class Phase(long endTimestamp, long maxCalls)
    {
        private long _started;

        public bool TryStartCall() => Stopwatch.GetTimestamp() < endTimestamp && Interlocked.Increment(ref _started) <= maxCalls;
    }
}
