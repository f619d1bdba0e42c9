using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using TestDataAgent.Generators.Datasets;
using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Benchmarks.Generation;

/// <summary>
/// The <c>ecommerce_core</c> preset streamed to a sink that only counts bytes, at two sizes ten times apart (about three
/// orders per customer and every order's children). Memory stays flat when the Gen 2 collections and the peak heap do
/// not grow with the size: rows are made from their keys and written as they are made, so nothing survives a chunk.
/// Run: <c>dotnet run -c Release --project TestDataAgent.Benchmarks -- bench --filter '*DatasetBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class DatasetBenchmarks
{
    private ServiceProvider _services = null!;
    private DatasetService _datasets = null!;

    [Params(10_000, 100_000)]
    public int Customers { get; set; }

    /// <summary>Largest managed heap seen at a chunk boundary in the last run, in MiB: what "flat" is judged by.</summary>
    public static double PeakHeapMiB { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _services = PipelineServices.Build(maxSyncRecords: 10_000);
        _datasets = _services.GetRequiredService<DatasetService>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// {Customers} customers: peak managed heap at chunk boundaries {PeakHeapMiB:F1} MiB");
        _services.Dispose();
    }

    [Benchmark]
    public async Task<long> EcommerceCoreAsNdjson()
    {
        var bytes = 0L;
        var peak = 0L;
        await _datasets.StreamAsync(new DatasetRequestInput
        {
            Preset = "ecommerce_core",
            Seed = 20_260_101,
            OutputFormat = (int)DataFormat.Ndjson,
            Tables = [new DatasetTableInput { Name = "customers", Count = Customers }, new DatasetTableInput { Name = "products", Count = 1000 }],
        }, chunk =>
        {
            bytes += chunk.Data.Length;
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
            return Task.CompletedTask;
        }, CancellationToken.None);
        PeakHeapMiB = peak / (1024.0 * 1024.0);
        return bytes;
    }
}
