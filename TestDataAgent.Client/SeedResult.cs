using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Client;

/// <summary>What one <see cref="TestDataSeeder.SeedAsync"/> wrote.</summary>
public sealed class SeedResult
{
    public SeedResult(string runId, string dataset, long seed, IReadOnlyDictionary<string, long> rowsPerTable, DatasetSummary summary)
    {
        RunId = runId;
        Dataset = dataset;
        Seed = seed;
        RowsPerTable = rowsPerTable;
        Summary = summary;
    }

    /// <summary>The run's id in <c>testdata_runs</c>: give it to <see cref="TestDataSeeder.CleanupAsync"/>.</summary>
    public string RunId { get; }

    /// <summary>The preset's name, or <c>custom</c> for the caller's own graph.</summary>
    public string Dataset { get; }

    /// <summary>The seed the service used (the request's, or the one it chose): the same seed gives the same rows.</summary>
    public long Seed { get; }

    /// <summary>Rows inserted per table, in the order they were written (parents first).</summary>
    public IReadOnlyDictionary<string, long> RowsPerTable { get; }

    /// <summary>The service's summary of the dataset (row counts, orphans, coherence, warnings).</summary>
    public DatasetSummary Summary { get; }

    public long TotalRows => RowsPerTable.Values.Sum();
}
