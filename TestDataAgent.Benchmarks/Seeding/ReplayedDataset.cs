using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using TestDataAgent.Client.Seeding;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Generators.Datasets;
using TestDataAgent.Generators.Generation;
using Made = TestDataAgent.Generators.Datasets;

namespace TestDataAgent.Benchmarks.Seeding;

/// <summary>
/// A dataset made once, in process, and replayed to the seeder as the gRPC stream would deliver it (NDJSON chunks, the
/// DDL), so the benchmark times the writing and not the generating (that is <c>DatasetBenchmarks</c>). Also keeps the
/// SQL output's chunks for the plain INSERT baseline.
/// </summary>
internal sealed class ReplayedDataset : IDatasetSource
{
    private ReplayedDataset(string ddl, List<Contracts.V1.DatasetChunk> rows, List<string> sqlInserts, long totalRows)
    {
        Ddl = ddl;
        Rows = rows;
        SqlInserts = sqlInserts;
        TotalRows = totalRows;
    }

    public string Ddl { get; }

    public List<Contracts.V1.DatasetChunk> Rows { get; }

    /// <summary>The SQL output's INSERT chunks, one table's rows each, parents first.</summary>
    public List<string> SqlInserts { get; }

    public long TotalRows { get; }

    public static async Task<ReplayedDataset> MakeAsync(int customers, int products)
    {
        using var services = Generation.PipelineServices.Build(maxSyncRecords: 10_000);
        var datasets = services.GetRequiredService<DatasetService>();
        var ndjson = await CollectAsync(datasets, customers, products, DataFormat.Ndjson);
        var sql = await CollectAsync(datasets, customers, products, DataFormat.Sql);
        var summary = ndjson.Last().Summary!;
        var rows = ndjson.Select(c => new Contracts.V1.DatasetChunk
        {
            Table = c.Table,
            Data = c.Data,
            ChunkIndex = c.Index,
            IsFinal = c.IsFinal,
            Summary = c.Summary is null ? null : new Contracts.V1.DatasetSummary { Seed = summary.Seed, ReferenceTime = summary.ReferenceTime.ToString("O"), RowCounts = { summary.RowCounts.ToDictionary() } },
        }).ToList();
        return new ReplayedDataset(sql[0].Data, rows, [.. sql.Skip(1).Where(c => c.Table.Length > 0 && c.Data.Length > 0).Select(c => c.Data)], summary.RowCounts.Values.Sum());
    }

    public Task<string> ReadDdlAsync(GenerateDatasetRequest request, CancellationToken ct) => Task.FromResult(Ddl);

    public async IAsyncEnumerable<Contracts.V1.DatasetChunk> ReadRowsAsync(GenerateDatasetRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var chunk in Rows)
        {
            yield return chunk;
        }

        await Task.CompletedTask;
    }

    private static async Task<List<Made.DatasetChunk>> CollectAsync(DatasetService datasets, int customers, int products, DataFormat format)
    {
        var chunks = new List<Made.DatasetChunk>();
        await datasets.StreamAsync(new DatasetRequestInput
        {
            Preset = "ecommerce_core",
            Seed = 20_260_101,
            ReferenceTime = "2026-06-01T12:00:00Z",
            OutputFormat = (int)format,
            Tables = [new DatasetTableInput { Name = "customers", Count = customers }, new DatasetTableInput { Name = "products", Count = products }],
        }, chunk =>
        {
            chunks.Add(chunk);
            return Task.CompletedTask;
        }, CancellationToken.None);
        return chunks;
    }
}
