using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TestDataAgent.Generators;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Observability;
using TestDataAgent.Generators.Pipeline;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Unit;

/// <summary>
/// A traditional stream made on several cores (issue 16) is the single-threaded stream, chunk for chunk, stops every
/// worker when cancelled, makes its batches off the thread pool and sends the first batch before queueing more.
/// </summary>
public sealed class ParallelStreamTests
{
    [Theory]
    [InlineData("user", DataFormat.Ndjson, 3_000)]
    [InlineData("order", DataFormat.Json, 1_234)]
    [InlineData("cart", DataFormat.Csv, 2_001)]
    [InlineData("product", DataFormat.Sql, 777)]
    public async Task ParallelOutputIsTheSingleThreadedOutputChunkForChunk(string entity, DataFormat format, int count)
    {
        var request = Request(entity, format, count);

        var single = await ChunksAsync(new GenerationOptions { StreamWorkers = 1 }, request);
        var parallel = await ChunksAsync(new GenerationOptions { StreamWorkers = 4 }, request);

        Assert.True(single.Count > 2, "the stream has several chunks");
        Assert.Equal(single, parallel);
    }

    [Fact]
    public async Task AnAbandonedParallelStreamStopsEveryWorkerBeforeItEnds()
    {
        var started = 0;
        var stopped = 0;
        var stoppedAfterTheEnd = 0;
        var ended = false;
        using var root = new Activity("cancel-test").Start();
        var trace = root.TraceId;
        var sourceName = TestDataTracing.Source.Name;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == sourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = a =>
            {
                if (a.TraceId == trace && a.OperationName == "batch")
                {
                    Interlocked.Increment(ref started);
                }
            },
            ActivityStopped = a =>
            {
                if (a.TraceId == trace && a.OperationName == "batch")
                {
                    Interlocked.Increment(ref stopped);
                    if (Volatile.Read(ref ended))
                    {
                        Interlocked.Increment(ref stoppedAfterTheEnd);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        // Batches of a few thousand records, so workers are mid-batch when the caller cancels.
        using var services = TestRequests.DomainServices(new GenerationOptions { StreamWorkers = 4, ChunkMaxRecords = 4_000 });
        var generation = services.GetRequiredService<GenerationService>();
        var received = 0;

        // The caller goes away after three chunks (a gRPC client that disconnects): the stream is disposed, not cancelled.
        await foreach (var _ in generation.StreamAsync(Request("order", DataFormat.Ndjson, 5_000_000), CancellationToken.None))
        {
            if (++received == 3)
            {
                break;
            }
        }

        Volatile.Write(ref ended, true);
        var atTheEnd = (Started: Volatile.Read(ref started), Stopped: Volatile.Read(ref stopped));
        // A worker still running would report its end after this; none may.
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        Assert.True(atTheEnd.Started > 1, $"{atTheEnd.Started} batches started");
        Assert.Equal(atTheEnd.Started, atTheEnd.Stopped);
        Assert.Equal(0, Volatile.Read(ref stoppedAfterTheEnd));
        Assert.True(atTheEnd.Started < 50, $"{atTheEnd.Started} batches ran: the producer kept going after the caller left");
    }

    [Fact]
    public async Task BatchesRunOnTheirOwnThreadsLeavingThePoolToTheTransport()
    {
        var threads = new System.Collections.Concurrent.ConcurrentBag<(bool Pool, string? Name)>();
        using var root = new Activity("batch-thread-test").Start();
        using var listener = Listen(root.TraceId, "batch", _ => threads.Add((Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name)));
        using var services = TestRequests.DomainServices(new GenerationOptions { StreamWorkers = 2 });

        await foreach (var _ in services.GetRequiredService<GenerationService>().StreamAsync(Request("user", DataFormat.Ndjson, 3_000), CancellationToken.None))
        {
        }

        Assert.True(threads.Count > 2, $"{threads.Count} batches");
        Assert.All(threads, thread => Assert.False(thread.Pool, $"a batch ran on the thread pool ({thread.Name})"));
        Assert.All(threads, thread => Assert.StartsWith("testdata-batch-", thread.Name));
    }

    [Fact]
    public async Task TheFirstBatchIsSentBeforeMoreAreQueued()
    {
        var started = 0;
        using var root = new Activity("first-chunk-test").Start();
        using var listener = Listen(root.TraceId, "batch", _ => Interlocked.Increment(ref started));
        // One worker makes each batch as it is queued: the look-ahead (two batches a worker) would queue a second before
        // the first went out.
        using var services = TestRequests.DomainServices(new GenerationOptions { StreamWorkers = 1 });

        var startedAtFirstChunk = -1;
        await foreach (var _ in services.GetRequiredService<GenerationService>().StreamAsync(Request("user", DataFormat.Ndjson, 5_000), CancellationToken.None))
        {
            if (startedAtFirstChunk < 0)
            {
                startedAtFirstChunk = Volatile.Read(ref started);
            }
        }

        Assert.Equal(1, startedAtFirstChunk);
    }

    private static ActivityListener Listen(ActivityTraceId trace, string operation, Action<Activity> started)
    {
        var sourceName = TestDataTracing.Source.Name;
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == sourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = a =>
            {
                if (a.TraceId == trace && a.OperationName == operation)
                {
                    started(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static GenerationRequest Request(string entity, DataFormat format, int count) =>
        TestRequests.Validator().Validate(new GenerationRequestInput { Entity = entity, Count = count, Seed = 77, OutputFormat = (int)format, ReferenceTime = "2026-06-01T12:00:00Z" }, RequestMode.Stream);

    private static async Task<List<string>> ChunksAsync(GenerationOptions options, GenerationRequest request)
    {
        using var services = TestRequests.DomainServices(options);
        var chunks = new List<string>();
        await foreach (var chunk in services.GetRequiredService<GenerationService>().StreamAsync(request, CancellationToken.None))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }
}
