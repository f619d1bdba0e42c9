using System.Runtime.CompilerServices;
using Grpc.Core;
using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Client.Seeding;

/// <summary>The dataset from the service's <c>GenerateDataset</c> stream.</summary>
internal sealed class GrpcDatasetSource(TestDataService.TestDataServiceClient client) : IDatasetSource
{
    public async Task<string> ReadDdlAsync(GenerateDatasetRequest request, CancellationToken ct)
    {
        var sql = request.Clone();
        sql.OutputFormat = OutputFormat.Sql;
        // Disposing the call after the first chunk cancels it: the DDL comes before any row.
        using var call = client.GenerateDataset(sql, cancellationToken: ct);
        return await call.ResponseStream.MoveNext(ct) && call.ResponseStream.Current.Table.Length == 0
            ? call.ResponseStream.Current.Data
            : throw new InvalidOperationException("The service's SQL dataset stream did not start with the DDL chunk.");
    }

    public async IAsyncEnumerable<DatasetChunk> ReadRowsAsync(GenerateDatasetRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        var ndjson = request.Clone();
        ndjson.OutputFormat = OutputFormat.Ndjson;
        using var call = client.GenerateDataset(ndjson, cancellationToken: ct);
        await foreach (var chunk in call.ResponseStream.ReadAllAsync(ct))
        {
            yield return chunk;
        }
    }
}
