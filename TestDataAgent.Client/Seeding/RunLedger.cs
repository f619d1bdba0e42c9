using System.Data.Common;

namespace TestDataAgent.Client.Seeding;

/// <summary>
/// The record of every run in the database it seeded: <c>testdata_runs</c> (one row a run) and
/// <c>testdata_run_keys</c> (the primary key of every row the run inserted, with its table's place in the dataset: in
/// PostgreSQL one row a batch holding its keys in <c>key_values</c>, in SQLite one row a key in <c>key_value</c>).
/// Clean-up deletes exactly those rows, children first, then the run's own record.
/// </summary>
internal sealed class RunLedger(SeedDatabase database)
{
    public Task EnsureAsync(CancellationToken ct) => database.ExecuteAsync(database.LedgerDdl, null, ct);

    public Task StartAsync(string runId, string dataset, long? seed, string requestId, string referenceTime, DateTimeOffset createdAt, CancellationToken ct) =>
        database.ExecuteAsync(
            "INSERT INTO testdata_runs (run_id, dataset, seed, request_id, reference_time, created_at) VALUES (@run, @dataset, @seed, @request, @reference, @created)",
            null, ct, ("run", runId), ("dataset", dataset), ("seed", seed), ("request", requestId), ("reference", referenceTime), ("created", database.Instant(createdAt)));

    public Task CompleteAsync(string runId, long seed, string referenceTime, long rows, DateTimeOffset completedAt, CancellationToken ct) =>
        database.ExecuteAsync(
            "UPDATE testdata_runs SET seed = @seed, reference_time = @reference, row_count = @rows, completed_at = @completed WHERE run_id = @run",
            null, ct, ("run", runId), ("seed", seed), ("reference", referenceTime), ("rows", rows), ("completed", database.Instant(completedAt)));

    /// <summary>Deletes the run's rows (children before parents), its keys and its record in one transaction; rows deleted per table.</summary>
    public async Task<IReadOnlyDictionary<string, long>> DeleteAsync(string runId, CancellationToken ct)
    {
        var deleted = new Dictionary<string, long>(StringComparer.Ordinal);
        if (await database.ReadTableAsync("testdata_runs", ct) is null)
        {
            return deleted;
        }

        // A ledger an earlier version left is brought to this version's shape first (PostgreSQL), its runs kept.
        await EnsureAsync(ct);

        var tables = new List<(int Order, string Table)>();
        await using (var command = database.Command(
            "SELECT DISTINCT table_order, table_name FROM testdata_run_keys WHERE run_id = @run ORDER BY table_order DESC", null, ("run", runId)))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                tables.Add((reader.GetInt32(0), reader.GetString(1)));
            }
        }

        var keyColumns = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, table) in tables)
        {
            var shape = await database.ReadTableAsync(table, ct);
            keyColumns[table] = shape is { PrimaryKey.Count: 1 }
                ? shape.PrimaryKey[0]
                : throw new SeedMappingException(table, null, $"run {runId} recorded keys in this table, which no longer has a single-column primary key to match them");
        }

        await using DbTransaction transaction = await database.Connection.BeginTransactionAsync(ct);
        foreach (var (order, table) in tables)
        {
            deleted[table] = await database.ExecuteAsync(database.DeleteRunRowsSql(table, keyColumns[table]), transaction, ct, ("run", runId), ("order", order));
        }

        await database.ExecuteAsync("DELETE FROM testdata_run_keys WHERE run_id = @run", transaction, ct, ("run", runId));
        await database.ExecuteAsync("DELETE FROM testdata_runs WHERE run_id = @run", transaction, ct, ("run", runId));
        await transaction.CommitAsync(ct);
        return deleted;
    }
}
