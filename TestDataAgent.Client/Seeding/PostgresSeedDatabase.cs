using System.Data.Common;
using Npgsql;

namespace TestDataAgent.Client.Seeding;

/// <summary>PostgreSQL: the catalog from <c>information_schema</c> (current schema), rows and keys through binary <c>COPY</c> (<see cref="PostgresSeedBatch"/>).</summary>
internal sealed class PostgresSeedDatabase(NpgsqlConnection connection) : SeedDatabase(connection)
{
    private const string ColumnsSql = """
        SELECT table_name, column_name, data_type, is_nullable = 'YES', column_default IS NOT NULL OR is_identity = 'YES',
               is_generated = 'ALWAYS', character_maximum_length, numeric_precision, numeric_scale
        FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ANY(@tables)
        ORDER BY table_name, ordinal_position
        """;

    private const string PrimaryKeySql = """
        SELECT k.table_name, k.column_name
        FROM information_schema.table_constraints t
        JOIN information_schema.key_column_usage k
          ON k.constraint_schema = t.constraint_schema AND k.constraint_name = t.constraint_name AND k.table_name = t.table_name
        WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_schema = current_schema() AND t.table_name = ANY(@tables)
        ORDER BY k.table_name, k.ordinal_position
        """;

    public override bool TemporalsAsText => false;

    // testdata_run_keys has no REFERENCES to testdata_runs: a foreign key check for every recorded key doubled the cost
    // of recording them (a run's keys and record are written and deleted together by the seeder alone).
    public override string LedgerDdl => """
        CREATE TABLE IF NOT EXISTS testdata_runs (
          run_id TEXT NOT NULL PRIMARY KEY, dataset TEXT NOT NULL, seed BIGINT, request_id TEXT NOT NULL,
          reference_time TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL, completed_at TIMESTAMPTZ, row_count BIGINT);
        CREATE TABLE IF NOT EXISTS testdata_run_keys (
          run_id TEXT NOT NULL, table_order INTEGER NOT NULL, table_name TEXT NOT NULL,
          key_value TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS testdata_run_keys_run ON testdata_run_keys (run_id, table_order);
        """;

    private new NpgsqlConnection Connection => (NpgsqlConnection)base.Connection;

    public override async Task<TargetTable?> ReadTableAsync(string table, CancellationToken ct) =>
        (await ReadTablesAsync([table], ct)).GetValueOrDefault(table);

    /// <summary>All the tables in two catalog queries (information_schema's views are slow to plan, so not two a table).</summary>
    public override async Task<IReadOnlyDictionary<string, TargetTable>> ReadTablesAsync(IReadOnlyList<string> tables, CancellationToken ct)
    {
        var columns = new Dictionary<string, List<TargetColumn>>(StringComparer.Ordinal);
        await using (var command = Command(ColumnsSql, null, ("tables", tables.ToArray())))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var table = reader.GetString(0);
                var type = reader.GetString(2);
                var (kind, bits) = KindOf(type);
                columns.TryAdd(table, []);
                columns[table].Add(new TargetColumn(reader.GetString(1), type, kind, reader.GetBoolean(3), reader.GetBoolean(4), reader.GetBoolean(5),
                    reader.IsDBNull(6) ? null : reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetInt32(7),
                    reader.IsDBNull(8) ? null : reader.GetInt32(8), bits));
            }
        }

        var primaryKeys = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (columns.Count > 0)
        {
            await using var command = Command(PrimaryKeySql, null, ("tables", tables.ToArray()));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                primaryKeys.TryAdd(reader.GetString(0), []);
                primaryKeys[reader.GetString(0)].Add(reader.GetString(1));
            }
        }

        return columns.ToDictionary(c => c.Key, c => new TargetTable(c.Key, c.Value, primaryKeys.GetValueOrDefault(c.Key) ?? []), StringComparer.Ordinal);
    }

    public override Task<SeedBatch> BeginBatchAsync(DbTransaction transaction, string runId, TableMapping mapping, CancellationToken ct) =>
        PostgresSeedBatch.BeginAsync(Connection, runId, mapping, ct);

    public override string DeleteRunRowsSql(string table, string keyColumn) =>
        $"DELETE FROM {Quote(table)} AS d USING testdata_run_keys k WHERE k.run_id = @run AND k.table_order = @order AND d.{Quote(keyColumn)}::text = k.key_value";

    public override object Instant(DateTimeOffset instant) => instant.UtcDateTime;

    private static (ColumnKind Kind, int Bits) KindOf(string dataType) => dataType switch
    {
        "smallint" => (ColumnKind.Integer, 16),
        "integer" => (ColumnKind.Integer, 32),
        "bigint" => (ColumnKind.Integer, 64),
        "numeric" => (ColumnKind.Decimal, 64),
        "real" => (ColumnKind.Real, 32),
        "double precision" => (ColumnKind.Real, 64),
        "boolean" => (ColumnKind.Boolean, 64),
        "text" or "character varying" or "character" => (ColumnKind.Text, 64),
        "date" => (ColumnKind.Date, 64),
        "timestamp without time zone" => (ColumnKind.Timestamp, 64),
        "timestamp with time zone" => (ColumnKind.TimestampTz, 64),
        "uuid" => (ColumnKind.Uuid, 64),
        "json" or "jsonb" => (ColumnKind.Json, 64),
        _ => (ColumnKind.Unsupported, 64),
    };
}
