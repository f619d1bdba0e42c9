using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TestDataAgent.Generators.Datasets;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Datasets;

/// <summary>A dataset made in-process by the real domain service, its chunks kept as streamed.</summary>
internal sealed class DatasetRun
{
    private DatasetRun(List<DatasetChunk> chunks, DatasetSummary summary)
    {
        Chunks = chunks;
        Summary = summary;
    }

    public List<DatasetChunk> Chunks { get; }

    public DatasetSummary Summary { get; }

    /// <summary>Every chunk's data joined, in stream order: what a caller writing the stream to one file gets.</summary>
    public string Text => string.Concat(Chunks.Select(c => c.Data));

    public static async Task<DatasetRun> MakeAsync(DatasetRequestInput input)
    {
        using var services = TestRequests.DomainServices();
        var chunks = new List<DatasetChunk>();
        var summary = await services.GetRequiredService<DatasetService>().StreamAsync(input, chunk =>
        {
            chunks.Add(chunk);
            return Task.CompletedTask;
        }, CancellationToken.None);
        return new DatasetRun(chunks, summary);
    }

    public static Task<DatasetRun> PresetAsync(int customers, int products, long seed, DataFormat format = DataFormat.Ndjson, string locale = "") =>
        MakeAsync(new DatasetRequestInput
        {
            Preset = "ecommerce_core",
            Seed = seed,
            Locale = locale,
            ReferenceTime = "2026-06-01T12:00:00Z",
            OutputFormat = (int)format,
            Tables = [new DatasetTableInput { Name = "customers", Count = customers }, new DatasetTableInput { Name = "products", Count = products }],
        });

    /// <summary>NDJSON chunks read back: each table's rows in stream order.</summary>
    public Dictionary<string, List<JsonElement>> Tables()
    {
        var tables = new Dictionary<string, List<JsonElement>>(StringComparer.Ordinal);
        foreach (var chunk in Chunks)
        {
            var rows = tables.TryGetValue(chunk.Table, out var known) ? known : tables[chunk.Table] = [];
            foreach (var line in chunk.Data.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                rows.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
        }

        return tables;
    }
}
