using System.Data.Common;

namespace TestDataAgent.Client.Seeding;

/// <summary>SQLite: one prepared <c>INSERT</c> for the rows and one for their keys, each reused for every row of the batch.</summary>
internal sealed class SqliteSeedBatch : SeedBatch
{
    private readonly DbCommand _insert;
    private readonly DbCommand _key;
    private readonly int _keyIndex;
    private readonly CancellationToken _ct;

    public SqliteSeedBatch(SeedDatabase database, DbTransaction transaction, string runId, TableMapping mapping, CancellationToken ct)
    {
        var names = mapping.Columns.Select(c => SeedDatabase.Quote(c.Target.Name));
        var placeholders = mapping.Columns.Select((_, i) => $"@p{i}");
        _insert = database.Command($"INSERT INTO {SeedDatabase.Quote(mapping.Table)} ({string.Join(", ", names)}) VALUES ({string.Join(", ", placeholders)})", transaction,
            [.. mapping.Columns.Select((_, i) => ($"p{i}", (object?)null))]);
        _key = database.Command("INSERT INTO testdata_run_keys (run_id, table_order, table_name, key_value) VALUES (@run, @order, @table, @key)", transaction,
            ("run", runId), ("order", mapping.Order), ("table", mapping.Table), ("key", null));
        _insert.Prepare();
        _key.Prepare();
        _keyIndex = mapping.KeyIndex;
        _ct = ct;
    }

    public override void Add(object?[] row)
    {
        _ct.ThrowIfCancellationRequested();
        for (var i = 0; i < row.Length; i++)
        {
            _insert.Parameters[i].Value = row[i] ?? DBNull.Value;
        }

        // SQLite runs in this process: the synchronous calls do not wait on I/O the async ones would free a thread for.
        _insert.ExecuteNonQuery();
        _key.Parameters[3].Value = row[_keyIndex];
        _key.ExecuteNonQuery();
    }

    public override Task CompleteAsync(CancellationToken ct) => Task.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        await _insert.DisposeAsync();
        await _key.DisposeAsync();
    }
}
