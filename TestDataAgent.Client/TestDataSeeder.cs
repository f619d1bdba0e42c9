using System.Data;
using System.Data.Common;
using System.Text.Json;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TestDataAgent.Client.Seeding;
using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Client;

/// <summary>
/// Writes a Test Data Agent dataset into a database under test and removes it again. PostgreSQL (Npgsql) rows go
/// through binary <c>COPY</c>, SQLite rows through prepared inserts; one transaction per table batch, parents before
/// children. Every run is recorded in <c>testdata_runs</c> with the key of every row it inserted
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
    /// cannot map: before any row is written when the catalog shows it, else at the row, after removing the rows
    /// already written.
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
        if (options.Mode == SeedMode.CreateTables)
        {
            await database.ExecuteAsync(DatasetDdl.IfNotExists(ddl), null, ct);
        }

        var mappings = new Dictionary<string, TableMapping>(StringComparer.Ordinal);
        foreach (var (shape, order) in DatasetDdl.Parse(ddl).Select((s, i) => (s, i)))
        {
            mappings[shape.Name] = TableMapping.Build(shape, await database.ReadTableAsync(shape.Name, ct), order);
        }

        var ledger = new RunLedger(database);
        await ledger.EnsureAsync(ct);
        var runId = Guid.NewGuid().ToString("N");
        var dataset = request.Preset.Length > 0 ? request.Preset : "custom";
        await ledger.StartAsync(runId, dataset, request.HasSeed ? request.Seed : null, request.RequestId, request.ReferenceTime, _time.GetUtcNow(), ct);
        try
        {
            var (rows, summary) = await WriteRowsAsync(database, runId, mappings, request, options, ct);
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

    private async Task<(Dictionary<string, long> Rows, DatasetSummary Summary)> WriteRowsAsync(SeedDatabase database, string runId,
        Dictionary<string, TableMapping> mappings, GenerateDatasetRequest request, SeedOptions options, CancellationToken ct)
    {
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        var batch = new List<object?[]>(Math.Min(options.BatchRows, SeedOptions.DefaultBatchRows));
        TableMapping? current = null;
        DatasetSummary? summary = null;
        long total = 0;

        async Task FlushAsync()
        {
            if (current is null || batch.Count == 0)
            {
                return;
            }

            await using (var transaction = await database.Connection.BeginTransactionAsync(ct))
            {
                await database.WriteBatchAsync(transaction, runId, current, batch, ct);
                await transaction.CommitAsync(ct);
            }

            total += batch.Count;
            rows[current.Table] = rows.GetValueOrDefault(current.Table) + batch.Count;
            options.Progress?.Report(new SeedProgress(runId, current.Table, rows[current.Table], total));
            batch.Clear();
        }

        await foreach (var chunk in _source.ReadRowsAsync(request, ct))
        {
            if (chunk.Table.Length > 0 && chunk.Data.Length > 0)
            {
                if (!mappings.TryGetValue(chunk.Table, out var mapping))
                {
                    throw new SeedMappingException(chunk.Table, null, "the stream has rows of a table the dataset's DDL did not create");
                }

                if (!ReferenceEquals(mapping, current))
                {
                    await FlushAsync();
                    current = mapping;
                }

                var data = chunk.Data;
                for (var start = 0; start < data.Length;)
                {
                    var end = data.IndexOf('\n', start);
                    end = end < 0 ? data.Length : end;
                    var line = data.AsMemory(start, end - start);
                    start = end + 1;
                    if (line.Span.IsWhiteSpace())
                    {
                        continue;
                    }

                    using var document = JsonDocument.Parse(line);
                    var index = rows.GetValueOrDefault(mapping.Table) + batch.Count;
                    var row = new object?[mapping.Columns.Count];
                    for (var i = 0; i < row.Length; i++)
                    {
                        row[i] = ValueConverter.Convert(document.RootElement, mapping.Columns[i], mapping.Table, index, database.TemporalsAsText);
                    }

                    batch.Add(row);
                    if (batch.Count >= options.BatchRows)
                    {
                        await FlushAsync();
                    }
                }
            }

            summary = chunk.Summary ?? summary;
        }

        await FlushAsync();
        return (rows, summary ?? throw new InvalidOperationException("The dataset stream ended without its final chunk (no summary)."));
    }
}
