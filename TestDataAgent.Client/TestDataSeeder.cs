using System.Buffers;
using System.Data;
using System.Data.Common;
using System.Text;
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

        var shapes = DatasetDdl.Parse(ddl);
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
        TableMapping? current = null;
        NdjsonRowReader? reader = null;
        DbTransaction? transaction = null;
        SeedBatch? batch = null;
        var batchRows = 0;
        DatasetSummary? summary = null;
        long total = 0;
        var utf8 = Array.Empty<byte>();

        async Task FlushAsync()
        {
            if (batch is null || transaction is null)
            {
                return;
            }

            await batch.CompleteAsync(ct);
            await batch.DisposeAsync();
            batch = null;
            await transaction.CommitAsync(ct);
            await transaction.DisposeAsync();
            transaction = null;
            total += batchRows;
            rows[current!.Table] = rows.GetValueOrDefault(current.Table) + batchRows;
            options.Progress?.Report(new SeedProgress(runId, current.Table, rows[current.Table], total));
            batchRows = 0;
        }

        try
        {
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
                        reader = new NdjsonRowReader(mapping, database.TemporalsAsText);
                    }

                    // The rows are read from their UTF-8 bytes; one buffer, grown as chunks need, serves the whole stream.
                    var length = Encoding.UTF8.GetMaxByteCount(chunk.Data.Length);
                    if (utf8.Length < length)
                    {
                        Return(utf8);
                        utf8 = ArrayPool<byte>.Shared.Rent(length);
                    }

                    var data = utf8.AsMemory(0, Encoding.UTF8.GetBytes(chunk.Data, utf8));
                    for (var start = 0; start < data.Length;)
                    {
                        var end = data.Span[start..].IndexOf((byte)'\n');
                        end = end < 0 ? data.Length : start + end;
                        var line = data[start..end];
                        start = end + 1;
                        if (line.Span.Trim(" \t\r"u8).IsEmpty)
                        {
                            continue;
                        }

                        if (batch is null)
                        {
                            transaction = await database.Connection.BeginTransactionAsync(ct);
                            batch = await database.BeginBatchAsync(transaction, runId, mapping, ct);
                        }

                        reader!.Read(line.Span, rows.GetValueOrDefault(mapping.Table) + batchRows);
                        batch.Add(reader.Values);
                        batchRows++;
                        if (batchRows >= options.BatchRows)
                        {
                            await FlushAsync();
                        }
                    }
                }

                summary = chunk.Summary ?? summary;
            }

            await FlushAsync();
        }
        finally
        {
            // A batch left open by an exception: its COPY is cancelled and its transaction rolled back.
            if (batch is not null)
            {
                await batch.DisposeAsync();
            }

            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            Return(utf8);
        }

        return (rows, summary ?? throw new InvalidOperationException("The dataset stream ended without its final chunk (no summary)."));
    }

    private static void Return(byte[] buffer)
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
