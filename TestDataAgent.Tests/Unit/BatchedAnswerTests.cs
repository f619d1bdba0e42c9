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
/// A large traditional unary answer is made in batches on every core (issue 16) and joined into one document: the
/// bytes must be those of the single-threaded answer, in every format, with scenarios and for a partition too.
/// </summary>
public sealed class BatchedAnswerTests
{
    [Theory]
    [InlineData("user", DataFormat.Json, 2_345, null)]
    [InlineData("order", DataFormat.Json, 7_001, "2/3")]
    [InlineData("order", DataFormat.Ndjson, 2_500, null)]
    [InlineData("cart", DataFormat.Csv, 4_100, "1/2")]
    [InlineData("product", DataFormat.Sql, 2_222, null)]
    [InlineData("payment", DataFormat.Csv, 2_000, null)]
    public async Task TheBatchedAnswerIsTheSingleThreadedAnswerByteForByte(string entity, DataFormat format, int count, string? partition)
    {
        var request = Request(entity, format, count, partition);

        var (single, singleBatches) = await AnswerAsync(new GenerationOptions { StreamWorkers = 1, MaxSyncRecords = 10_000 }, request);
        var (parallel, parallelBatches) = await AnswerAsync(new GenerationOptions { StreamWorkers = 4, MaxSyncRecords = 10_000 }, request);

        Assert.Equal(0, singleBatches);
        Assert.True(parallelBatches > 2, $"the answer was made in {parallelBatches} batch(es)");
        Assert.Equal(single.RecordCount, parallel.RecordCount);
        Assert.Equal(single.Metadata.ScenarioCounts, parallel.Metadata.ScenarioCounts);
        Assert.Equal(single.Metadata.CoherenceScore, parallel.Metadata.CoherenceScore, 9);
        Assert.Equal(single.Data, parallel.Data);
    }

    [Fact]
    public async Task ASmallAnswerIsMadeOnTheCallersThread()
    {
        var (_, batches) = await AnswerAsync(new GenerationOptions { StreamWorkers = 4 }, Request("user", DataFormat.Json, BatchedAnswer.MinimumRecords - 1, null));

        Assert.Equal(0, batches);
    }

    private static GenerationRequest Request(string entity, DataFormat format, int count, string? partition)
    {
        var input = new GenerationRequestInput
        {
            Entity = entity,
            Count = count,
            Seed = 1603,
            OutputFormat = (int)format,
            ReferenceTime = "2026-06-01T12:00:00Z",
            Scenarios = [new ScenarioInput("first", count / 3, new Dictionary<string, string>(), ""), new ScenarioInput("rest", count - (count / 3), new Dictionary<string, string>(), "")],
            Partition = partition is null ? null : (int.Parse(partition.Split('/')[0]), int.Parse(partition.Split('/')[1])),
        };
        return TestRequests.Validator().Validate(input, RequestMode.Unary);
    }

    // The answer, and how many batches (spans named "batch" in this call's trace) made it.
    private static async Task<(GenerationResult Result, int Batches)> AnswerAsync(GenerationOptions options, GenerationRequest request)
    {
        using var root = new Activity("batched-answer-test").Start();
        var trace = root.TraceId;
        var batches = 0;
        var sourceName = TestDataTracing.Source.Name;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == sourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a =>
            {
                if (a.TraceId == trace && a.OperationName == "batch")
                {
                    Interlocked.Increment(ref batches);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var services = TestRequests.DomainServices(options);
        var result = await services.GetRequiredService<GenerationService>().GenerateAsync(request, CancellationToken.None);
        return (result, Volatile.Read(ref batches));
    }
}
