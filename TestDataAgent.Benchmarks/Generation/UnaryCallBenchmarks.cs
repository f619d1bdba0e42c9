using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using TestDataAgent.Generators.Pipeline;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Benchmarks.Generation;

/// <summary>
/// One unary call of 10 records, in process and without the transport: validate, route, generate, validate and score,
/// write. What a call costs besides its records (compiling the schema, logging and tracing when off) shows here, with
/// the bytes it allocates.
/// </summary>
[MemoryDiagnoser]
public class UnaryCallBenchmarks
{
    private ServiceProvider _services = null!;
    private RequestPipeline _pipeline = null!;
    private GenerationRequestInput _input = null!;

    [Params("user", "order")]
    public string Entity { get; set; } = "user";

    [GlobalSetup]
    public void Setup()
    {
        _services = PipelineServices.Build(maxSyncRecords: 10_000);
        _pipeline = _services.GetRequiredService<RequestPipeline>();
        _input = new GenerationRequestInput { RequestId = "bench", Entity = Entity, Count = 10, Seed = 7 };
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark]
    public async Task<int> GenerateData10()
    {
        var outcome = await _pipeline.GenerateAsync(_input, CancellationToken.None);
        // As the transport does once the answer is sent: the formatter's pooled array goes back.
        outcome.Result!.Buffer?.Dispose();
        return outcome.Result.RecordCount;
    }
}
