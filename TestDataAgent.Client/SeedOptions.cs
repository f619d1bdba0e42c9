namespace TestDataAgent.Client;

/// <summary>How <see cref="TestDataSeeder.SeedAsync"/> writes a dataset.</summary>
public sealed class SeedOptions
{
    /// <summary>The default rows per table batch (one transaction, one <c>COPY</c> in PostgreSQL).</summary>
    public const int DefaultBatchRows = 10_000;

    /// <summary>Create the tables, or fill existing ones. Default: <see cref="SeedMode.CreateTables"/>.</summary>
    public SeedMode Mode { get; init; } = SeedMode.CreateTables;

    /// <summary>
    /// Rows written in one transaction (never across two tables). Default <see cref="DefaultBatchRows"/>; must be at
    /// least 1.
    /// </summary>
    public int BatchRows { get; init; } = DefaultBatchRows;

    /// <summary>Told after every committed batch; a hosting integration shows it as the resource's state.</summary>
    public IProgress<SeedProgress>? Progress { get; init; }
}
