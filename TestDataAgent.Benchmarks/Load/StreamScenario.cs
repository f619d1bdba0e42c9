using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Benchmarks.Load;

/// <summary>
/// One <c>GenerateDataStream</c> call: records/s end to end, time to first chunk, total time, and this process's
/// memory (which holds the server when it runs in process), sampled every second.
/// </summary>
internal static class StreamScenario
{
    private const double MiB = 1024 * 1024;

    public static async Task<int> RunAsync(TestDataService.TestDataServiceClient client, CallInvoker invoker, LoadOptions options, bool measuresServer,
        CancellationToken cancellationToken)
    {
        var request = LoadCommand.Request(options);
        if (options.WarmupRecords > 0)
        {
            // JIT, schema compilation and first-use costs, paid before the measured stream, through the same client path
            // as the measured call (a cold marshaller would otherwise count in its first chunk).
            var warmupRequest = new GenerateRequest(request) { Count = Math.Min(options.WarmupRecords, options.Count) };
            var warmupOptions = new CallOptions(deadline: DateTime.UtcNow + options.Timeout, cancellationToken: cancellationToken);
            if (options.ClientDecode == "strings")
            {
                using var warmup = client.GenerateDataStream(warmupRequest, warmupOptions);
                await foreach (var _ in warmup.ResponseStream.ReadAllAsync(cancellationToken))
                {
                }
            }
            else
            {
                using var warmup = RawChunks.Call(invoker, warmupRequest, warmupOptions);
                await foreach (var _ in warmup.ResponseStream.ReadAllAsync(cancellationToken))
                {
                }
            }
        }

        // One call's first chunk is one sample of a noisy quantity (whatever the cores are doing at that moment): the
        // report also gives the median and 95th percentile of fresh calls' first chunks.
        var probes = await ProbeFirstChunksAsync(invoker, request, options, cancellationToken);

        // Start-up garbage is collected first, so the peak and the heap are the stream's.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var rssBefore = ProcessMemory.ResidentBytes();
        var peakReset = ProcessMemory.TryResetPeak();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var collectionsBefore = Collections();
        var pausedBefore = GC.GetTotalPauseDuration();
        var cpuBefore = Environment.CpuUsage.TotalTime;

        var progress = new StreamProgress();
        var started = Stopwatch.GetTimestamp();
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampler = SampleAsync(progress, started, sampling.Token);

        TimeSpan? firstChunk = null;
        string? error = null;
        try
        {
            if (options.ClientDecode == "strings")
            {
                using var call = client.GenerateDataStream(request, deadline: DateTime.UtcNow + options.Timeout, cancellationToken: cancellationToken);
                await foreach (var chunk in call.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    firstChunk ??= Stopwatch.GetElapsedTime(started);
                    if (chunk.IsFinal)
                    {
                        error = chunk.Data.Length > 0 ? chunk.Data : null;
                        break;
                    }

                    progress.Add(LoadCommand.CountRecords(chunk.Data), chunk.Data.Length);
                }
            }
            else
            {
                using var call = RawChunks.Call(invoker, request, new CallOptions(deadline: DateTime.UtcNow + options.Timeout, cancellationToken: cancellationToken));
                await foreach (var chunk in call.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    firstChunk ??= Stopwatch.GetElapsedTime(started);
                    if (chunk.IsFinal)
                    {
                        error = chunk.Error;
                        break;
                    }

                    progress.Add(chunk.Records, chunk.DataBytes);
                }
            }
        }
        catch (RpcException ex)
        {
            error = $"{ex.StatusCode}: {ex.Status.Detail}";
        }

        var total = Stopwatch.GetElapsedTime(started);
        await sampling.CancelAsync();
        var heapPeak = await sampler;

        var records = progress.Records;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var collections = Collections().Zip(collectionsBefore, (after, before) => after - before).ToArray();
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        // CPU time is what other work on a busy machine distorts least: wall-clock rates fall when it takes the cores.
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var peak = ProcessMemory.PeakResidentBytes();
        var heapAfter = GC.GetTotalMemory(forceFullCollection: false);

        Console.WriteLine();
        Console.WriteLine($"records {records:N0} of {options.Count:N0} in {progress.Chunks:N0} chunks, {progress.Characters / MiB:N1} MiB of {options.Format.ToUpperInvariant()}");
        Console.WriteLine($"first chunk of {FirstChunkProbes} fresh calls of {ProbeRecords:N0} records: p50 {Ms(probes.P50)} ms, p95 {Ms(probes.P95)} ms");
        Console.WriteLine($"first chunk {Ms(firstChunk)} ms, total {total.TotalSeconds:N2} s, {records / total.TotalSeconds:N0} records/s; " +
            $"CPU {cpu.TotalSeconds:N1} s ({cpu / total:N2} cores), {(records > 0 ? cpu.TotalMicroseconds / records : 0):N1} µs/record");
        Console.WriteLine($"RSS before {rssBefore / MiB:N0} MiB, peak (VmHWM{(peakReset ? ", reset before the call" : ", since process start")}) {peak / MiB:N0} MiB, now {ProcessMemory.ResidentBytes() / MiB:N0} MiB" +
            (measuresServer ? " (server and client in this process)" : " (this client only)"));
        Console.WriteLine($"managed heap peak {heapPeak / MiB:N0} MiB (sampled), now {heapAfter / MiB:N0} MiB; allocated {allocated / MiB:N0} MiB " +
            $"({(records > 0 ? allocated / records : 0):N0} B/record); GCs gen0/1/2 {collections[0]}/{collections[1]}/{collections[2]}, " +
            $"paused {paused.TotalMilliseconds:N0} ms ({paused / total:P1} of the run)");
        if (error is not null)
        {
            Console.WriteLine($"ERROR: {error}");
        }

        Console.WriteLine();
        Console.WriteLine("| scenario | entity | records | records/s | MiB/s | first chunk (ms) | first chunk p50/p95 of 20 calls (ms) | total (s) | peak RSS (MiB) | managed heap peak (MiB) | allocated (B/record) | CPU (µs/record) | GCs 0/1/2 | GC pause |");
        Console.WriteLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| stream {options.Format} ({options.ClientDecode}) | {options.Entity} | {records:N0} | {records / total.TotalSeconds:N0} | {progress.Characters / MiB / total.TotalSeconds:N1} | {Ms(firstChunk)} | {Ms(probes.P50)} / {Ms(probes.P95)} | {total.TotalSeconds:N2} | {peak / MiB:N0}{(measuresServer ? "" : " (client)")} | {heapPeak / MiB:N0} | {(records > 0 ? allocated / records : 0):N0} | {(records > 0 ? cpu.TotalMicroseconds / records : 0):N1}{(measuresServer ? "" : " (client)")} | {collections[0]}/{collections[1]}/{collections[2]} | {paused / total:P1} |"));

        return error is null && records == options.Count ? 0 : 1;
    }

    private static async Task<long> SampleAsync(StreamProgress progress, long started, CancellationToken cancellationToken)
    {
        var heapPeak = GC.GetTotalMemory(forceFullCollection: false);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var heap = GC.GetTotalMemory(forceFullCollection: false);
                heapPeak = Math.Max(heapPeak, heap);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  t={Stopwatch.GetElapsedTime(started).TotalSeconds,6:F1} s  records={progress.Records,11:N0}  VmRSS={ProcessMemory.ResidentBytes() / MiB,6:N0} MiB  managed heap={heap / MiB,6:N0} MiB"));
            }
        }
        catch (OperationCanceledException)
        {
            // The stream ended; the last sample stands.
        }

        return Math.Max(heapPeak, GC.GetTotalMemory(forceFullCollection: false));
    }

    private static int[] Collections() => [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];

    private const int FirstChunkProbes = 20;
    private const int ProbeRecords = 2_000;

    private static async Task<(TimeSpan? P50, TimeSpan? P95)> ProbeFirstChunksAsync(CallInvoker invoker, GenerateRequest request, LoadOptions options, CancellationToken cancellationToken)
    {
        var firstChunks = new List<TimeSpan>(FirstChunkProbes);
        for (var i = 0; i < FirstChunkProbes; i++)
        {
            var started = Stopwatch.GetTimestamp();
            TimeSpan? first = null;
            using var call = RawChunks.Call(invoker, new GenerateRequest(request) { Count = Math.Min(ProbeRecords, options.Count) },
                new CallOptions(deadline: DateTime.UtcNow + options.Timeout, cancellationToken: cancellationToken));
            await foreach (var _ in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                first ??= Stopwatch.GetElapsedTime(started);
            }

            if (first is { } measured)
            {
                firstChunks.Add(measured);
            }
        }

        firstChunks.Sort();
        return firstChunks.Count == 0 ? (null, null) : (firstChunks[firstChunks.Count / 2], firstChunks[(int)Math.Ceiling(firstChunks.Count * 0.95) - 1]);
    }

    private static string Ms(TimeSpan? elapsed) => elapsed is { } e ? e.TotalMilliseconds.ToString("N1", CultureInfo.InvariantCulture) : "—";

    /// <summary>What the reader has received so far; read by the sampler on another thread.</summary>
    private sealed class StreamProgress
    {
        private long _records;
        private long _characters;
        private long _chunks;

        public long Records => Interlocked.Read(ref _records);

        public long Characters => Interlocked.Read(ref _characters);

        public long Chunks => Interlocked.Read(ref _chunks);

        public void Add(int records, int characters)
        {
            Interlocked.Add(ref _records, records);
            Interlocked.Add(ref _characters, characters);
            Interlocked.Increment(ref _chunks);
        }
    }
}
