using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Client.Seeding;

/// <summary>Where a dataset comes from: the service over gRPC, or (in benchmarks) chunks already received.</summary>
internal interface IDatasetSource
{
    /// <summary>The dataset's DDL: the SQL format's first chunk.</summary>
    Task<string> ReadDdlAsync(GenerateDatasetRequest request, CancellationToken ct);

    /// <summary>The dataset's rows as NDJSON chunks, parents first, the summary on the final chunk.</summary>
    IAsyncEnumerable<DatasetChunk> ReadRowsAsync(GenerateDatasetRequest request, CancellationToken ct);
}
