using System.Data;
using System.Data.Common;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TestDataAgent.Client.Seeding;
using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Client;

/// <summary>
/// Writes a Test Data Agent dataset into a database under test and removes it again. PostgreSQL (Npgsql) rows go
/// through binary <c>COPY</c>, SQLite rows through prepared inserts; one transaction per table batch, parents before
/// children; in PostgreSQL the tables it creates get their foreign keys once loaded, each checked by one validating
/// <c>ALTER TABLE</c>. Every run is recorded in <c>testdata_runs</c> with the key of every row it inserted
/// (<c>testdata_run_keys</c>), and <see cref="CleanupAsync"/> deletes exactly those rows. A run that fails part-way
/// removes what it had written.
/// </summary>
public sealed partial class TestDataSeeder
{
    private readonly IDatasetSource _source;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>A seeder calling the service on <paramref name="channel"/>.</summary>
    public TestDataSeeder(GrpcChannel channel)
        : this(new TestDataService.TestDataServiceClient(channel))
    {
    }

    /// <summary>A seeder calling the service through <paramref name="client"/> (as <c>AddTestDataAgentClient</c> registers it).</summary>
    public TestDataSeeder(TestDataService.TestDataServiceClient client, ILogger<TestDataSeeder>? logger = null)
        : this(new GrpcDatasetSource(client), TimeProvider.System, logger)
    {
    }

    internal TestDataSeeder(IDatasetSource source, TimeProvider time, ILogger? logger)
    {
        _source = source;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Streams the dataset <paramref name="request"/> asks for (its output format is the seeder's choice) into
    /// <paramref name="connection"/> (opened here when closed). Throws <see cref="SeedMappingException"/> for what
    /// cannot map: before any row is written when the catalog shows it, else at the row (or, for a foreign key checked
    /// after loading, after the last row), after removing the rows already written.
    /// </summary>
    public async Task<SeedResult> SeedAsync(DbConnection connection, GenerateDatasetRequest request, SeedOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        if (options.BatchRows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BatchRows, "SeedOptions.BatchRows must be at least 1.");
        }

        if (connection.State != ConnectionState.Open)
        {
            await connection.OpenAsync(ct);
        }

        var database = SeedDatabase.For(connection);
        var ddl = await _source.ReadDdlAsync(request, ct);
        var shapes = DatasetDdl.Parse(ddl);
        // Foreign keys of the tables created here, added once their rows are loaded (PostgreSQL); emptied when added.
        List<DatasetForeignKey> pending = options.Mode == SeedMode.CreateTables ? [.. await database.CreateTablesAsync(ddl, shapes, ct)] : [];
        try
        {
            return await SeedTablesAsync(database, shapes, pending, request, options, ct);
        }
        finally
        {
            // A run that failed has had its rows removed by now: the keys go on tables holding none of them, so every
            // table created here ends with the REFERENCES its DDL declares.
            await RestoreForeignKeysAsync(database, pending);
        }
    }

    /// <summary>
    /// Deletes exactly the rows run <paramref name="runId"/> inserted (children before parents) and its record, in one
    /// transaction; rows it did not insert stay. Returns the rows deleted per table (empty for a run not recorded).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> CleanupAsync(DbConnection connection, string runId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrEmpty(runId);
        if (connection.State != ConnectionState.Open)
        {
            await connection.OpenAsync(ct);
        }

        var deleted = await new RunLedger(SeedDatabase.For(connection)).DeleteAsync(runId, ct);
        var removed = deleted.Values.Sum();
        LogCleaned(_logger, runId, removed, deleted.Count);
        return deleted;
    }

    private async Task<SeedResult> SeedTablesAsync(SeedDatabase database, IReadOnlyList<DatasetTableShape> shapes, List<DatasetForeignKey> pending,
        GenerateDatasetRequest request, SeedOptions options, CancellationToken ct)
    {
        var targets = await database.ReadTablesAsync([.. shapes.Select(s => s.Name)], ct);
        var mappings = new Dictionary<string, TableMapping>(StringComparer.Ordinal);
        foreach (var (shape, order) in shapes.Select((s, i) => (s, i)))
        {
            mappings[shape.Name] = TableMapping.Build(shape, targets.GetValueOrDefault(shape.Name), order);
        }

        var ledger = new RunLedger(database);
        await ledger.EnsureAsync(ct);
        var runId = Guid.NewGuid().ToString("N");
        var dataset = request.Preset.Length > 0 ? request.Preset : "custom";
        await ledger.StartAsync(runId, dataset, request.HasSeed ? request.Seed : null, request.RequestId, request.ReferenceTime, _time.GetUtcNow(), ct);
        try
        {
            var (rows, summary) = await WriteRowsAsync(database, runId, mappings, request, options, ct);
            // After the last batch, in a transaction of its own: a key with no parent row fails the run here.
            await database.AddForeignKeysAsync(pending, ct);
            pending.Clear();
            var total = rows.Values.Sum();
            await ledger.CompleteAsync(runId, summary.Seed, summary.ReferenceTime, total, _time.GetUtcNow(), ct);
            LogSeeded(_logger, runId, dataset, total, rows.Count, summary.Seed);
            return new SeedResult(runId, dataset, summary.Seed, rows, summary);
        }
        catch (Exception error)
        {
            LogSeedFailed(_logger, error, runId);
            await ledger.DeleteAsync(runId, CancellationToken.None);
            throw;
        }
    }

    private async Task RestoreForeignKeysAsync(SeedDatabase database, IReadOnlyList<DatasetForeignKey> pending)
    {
        if (pending.Count == 0)
        {
            return;
        }

        try
        {
            await database.AddForeignKeysAsync(pending, CancellationToken.None);
        }
        catch (Exception error)
        {
            // The exception that failed the run is the one the caller gets; this one is logged beside it.
            LogForeignKeysNotRestored(_logger, error, pending.Count);
        }
    }
}
