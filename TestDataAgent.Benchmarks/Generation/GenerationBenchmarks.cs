using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using TestDataAgent.Benchmarks.Baseline;
using TestDataAgent.Generators;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Pipeline;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Traditional;

namespace TestDataAgent.Benchmarks.Generation;

/// <summary>
/// Generate and serialise <see cref="Count"/> records to JSON: a hand-written Bogus <c>Faker&lt;T&gt;</c> with
/// System.Text.Json (the baseline) against our pipeline, whole and in parts, so the differences show where time goes.
/// One invocation takes a second or more, so each iteration is one invocation (the Monitoring strategy).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class GenerationBenchmarks
{
    public const int Count = 100_000;
    private const int Seed = 20_260_101;

    // Our formatter's settings (compact, UTF-8 kept, no validation), so both sides write the same kind of JSON.
    private static readonly JsonWriterOptions s_writerOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    // Reused across invocations: the baseline pays for serialising, not for growing a buffer.
    private readonly ArrayBufferWriter<byte> _baselineBuffer = new(1024 * 1024);

    private ServiceProvider _services = null!;
    private ServiceProvider _oneCoreServices = null!;
    private GenerationService _oneCore = null!;
    private GenerationRequestValidator _validator = null!;
    private GenerationService _generation = null!;
    private TraditionalGenerator _generator = null!;
    private GenerationRequestInput _input = null!;
    private GenerationRequest _request = null!;

    [Params("user", "order")]
    public string Entity { get; set; } = "user";

    [GlobalSetup]
    public void Setup()
    {
        _services = PipelineServices.Build(maxSyncRecords: 1_000_000);
        _validator = _services.GetRequiredService<GenerationRequestValidator>();
        _generation = _services.GetRequiredService<GenerationService>();
        _generator = _services.GetRequiredService<TraditionalGenerator>();
        _input = new GenerationRequestInput { Entity = Entity, Count = Count, Seed = Seed, OutputFormat = (int)DataFormat.Json };
        _request = _validator.Validate(_input, RequestMode.Unary);
        _oneCoreServices = PipelineServices.Build(maxSyncRecords: 1_000_000, services => services.Configure<GenerationOptions>(options => options.StreamWorkers = 1));
        _oneCore = _oneCoreServices.GetRequiredService<GenerationService>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _oneCoreServices.Dispose();
    }

    /// <summary>Bogus <c>Faker&lt;T&gt;.Generate(n)</c> into POCOs, then one <c>JsonSerializer.Serialize</c> of the list.</summary>
    [Benchmark(Baseline = true)]
    public long Baseline_FakerT_Stj()
    {
        _baselineBuffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_baselineBuffer, s_writerOptions);
        if (Entity == "user")
        {
            JsonSerializer.Serialize(writer, BaselineFakers.Users(Seed).Generate(Count), BaselineJsonContext.Default.ListBaselineUser);
        }
        else
        {
            JsonSerializer.Serialize(writer, BaselineFakers.Orders(Seed).Generate(Count), BaselineJsonContext.Default.ListBaselineOrder);
        }

        writer.Flush();
        return _baselineBuffer.WrittenCount;
    }

    /// <summary>
    /// The unary path: validate the request, route, generate, validate and score every record, write one JSON document
    /// as the UTF-8 a gRPC answer carries (its text is made only for JSON over HTTP), as the baseline writes UTF-8.
    /// </summary>
    [Benchmark]
    public async Task<int> TestDataAgent_Traditional()
    {
        var request = _validator.Validate(_input, RequestMode.Unary);
        var result = await _generation.GenerateAsync(request, CancellationToken.None);
        return result.Utf8Data.Length;
    }

    /// <summary>
    /// The same on one core (<c>Generation:StreamWorkers=1</c>): the answer made record by record on the caller's thread,
    /// as the baseline is; <see cref="TestDataAgent_Traditional"/> makes an answer this large in batches on every core.
    /// </summary>
    [Benchmark]
    public async Task<int> TestDataAgent_Traditional_OneCore()
    {
        var request = _validator.Validate(_input, RequestMode.Unary);
        var result = await _oneCore.GenerateAsync(request, CancellationToken.None);
        return result.Utf8Data.Length;
    }

    /// <summary>Generate and write JSON (UTF-8, as the unary path), without validation or scoring.</summary>
    [Benchmark]
    public async Task<int> TestDataAgent_GeneratorOnly()
    {
        using var formatter = ChunkFormatter.Create(DataFormat.Json, _request.Schema);
        await foreach (var record in _generator.GenerateAsync(_request, CancellationToken.None))
        {
            formatter.Add(record);
        }

        return formatter.CompleteBytes().Length;
    }

    /// <summary>Generate only: the records are made and dropped, nothing is written.</summary>
    [Benchmark]
    public async Task<long> TestDataAgent_GenerateNoWrite()
    {
        var last = 0L;
        await foreach (var record in _generator.GenerateAsync(_request, CancellationToken.None))
        {
            last += record.Count;
        }

        return last;
    }
}
