using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TestDataAgent.Benchmarks.Generation;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Llm;
using TestDataAgent.Generators.Pipeline;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Benchmarks.Llm;

/// <summary>
/// 100 review records on the LLM path. <c>SlowModel</c>: a model that takes one second per call, end to end through the
/// pipeline (spread over 4 calls in parallel by default, 25 records each; the original made one ~20 s call). <c>InstantModel</c>: a model that
/// answers at once, so the time is ours alone: prompt building, parsing, merging with the scaffold, validation, scoring,
/// writing JSON. Each run uses a new seed, so the replay cache never answers.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class LlmPathBenchmarks
{
    public const int Count = 100;

    private ServiceProvider _slow = null!;
    private ServiceProvider _instant = null!;
    private long _seed = 1;

    [Params(4, 5)]
    public int MaxConcurrency { get; set; } = 4;

    [GlobalSetup]
    public void Setup()
    {
        _slow = Build(TimeSpan.FromSeconds(1));
        _instant = Build(TimeSpan.Zero);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _slow.Dispose();
        _instant.Dispose();
    }

    [Benchmark(Description = "100 reviews, model 1 s per call")]
    public Task<GenerationResult> SlowModel() => Run(_slow);

    [Benchmark(Description = "100 reviews, instant model (our overhead)")]
    public Task<GenerationResult> InstantModel() => Run(_instant);

    private async Task<GenerationResult> Run(ServiceProvider services)
    {
        var validator = services.GetRequiredService<GenerationRequestValidator>();
        var request = validator.Validate(
            new GenerationRequestInput { Entity = "review", Count = Count, Seed = Interlocked.Increment(ref _seed), GenerationMethod = (int)GenerationPath.Llm },
            RequestMode.Unary);
        var result = await services.GetRequiredService<GenerationService>().GenerateAsync(request, CancellationToken.None);
        return result.Metadata.Path == GenerationPath.Llm && result.RecordCount == Count
            ? result
            : throw new InvalidOperationException($"expected {Count} LLM records, got {result.RecordCount} on {result.Metadata.Path}: {string.Join("; ", result.Metadata.Warnings)}");
    }

    private ServiceProvider Build(TimeSpan latency) => PipelineServices.Build(10_000, services =>
    {
        services.AddOptions<LlmOptions>().Configure(options => options.MaxConcurrency = MaxConcurrency);
        services.TryAddSingleton(new LlmProviderSet([new LlmProvider("bench", "slow-model", new SlowChatClient(latency), () => false)]));
    });
}
