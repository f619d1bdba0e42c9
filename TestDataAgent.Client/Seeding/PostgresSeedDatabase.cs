using System.Data.Common;
using Npgsql;

namespace TestDataAgent.Client.Seeding;

/// <summary>
/// PostgreSQL: the catalog from <c>information_schema</c> (current schema), rows through binary <c>COPY</c> and their keys
/// as one array a batch (<see cref="PostgresSeedBatch"/>), foreign keys of the tables it creates added after loading.
/// </summary>
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

    private const string ExistingTablesSql = """
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relname = ANY(@tables)
        """;

    public override bool TemporalsAsText => false;

    // testdata_run_keys holds one row a batch, its keys in an array: a row a key cost as much to write as the rows
    // themselves. It has no REFERENCES to testdata_runs: the seeder writes and deletes a run's keys and record together.
    // A ledger of an earlier version (one key a row in key_value) is converted in place, its keys grouped by table, so
    // its runs can still be cleaned up.
    public override string LedgerDdl => """
        DO $convert$
        BEGIN
          IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('testdata_run_keys') AND attname = 'key_value' AND NOT attisdropped) THEN
            ALTER TABLE testdata_run_keys RENAME TO testdata_run_keys_earlier;
            DROP INDEX IF EXISTS testdata_run_keys_run;
            CREATE TABLE testdata_run_keys (
              run_id TEXT NOT NULL, table_order INTEGER NOT NULL, table_name TEXT NOT NULL, key_values TEXT[] NOT NULL);
            INSERT INTO testdata_run_keys (run_id, table_order, table_name, key_values)
              SELECT run_id, table_order, table_name, array_agg(key_value) FROM testdata_run_keys_earlier GROUP BY run_id, table_order, table_name;
            DROP TABLE testdata_run_keys_earlier;
          END IF;
        END
        $convert$;
        CREATE TABLE IF NOT EXISTS testdata_runs (
          run_id TEXT NOT NULL PRIMARY KEY, dataset TEXT NOT NULL, seed BIGINT, request_id TEXT NOT NULL,
          reference_time TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL, completed_at TIMESTAMPTZ, row_count BIGINT);
        CREATE TABLE IF NOT EXISTS testdata_run_keys (
          run_id TEXT NOT NULL, table_order INTEGER NOT NULL, table_name TEXT NOT NULL, key_values TEXT[] NOT NULL);
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

    /// <summary>
    /// The tables this run creates get their <c>REFERENCES</c> after loading, one validating <c>ALTER TABLE … ADD
    /// FOREIGN KEY</c> each (as pg_restore does): one join per key instead of a trigger's lookup for every row. A table
    /// that exists keeps its own constraints, checked row by row as in existing-tables mode.
    /// </summary>
    public override async Task<IReadOnlyList<DatasetForeignKey>> CreateTablesAsync(string ddl, IReadOnlyList<DatasetTableShape> shapes, CancellationToken ct)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = Command(ExistingTablesSql, null, ("tables", shapes.Select(s => s.Name).ToArray())))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                existing.Add(reader.GetString(0));
            }
        }

        await ExecuteAsync(DatasetDdl.IfNotExists(DatasetDdl.WithoutReferences(ddl)), null, ct);
        return [.. shapes.Where(s => !existing.Contains(s.Name)).SelectMany(s => s.ForeignKeys)];
    }

    public override async Task AddForeignKeysAsync(IReadOnlyList<DatasetForeignKey> foreignKeys, CancellationToken ct)
    {
        if (foreignKeys.Count == 0)
        {
            return;
        }

        await using var transaction = await Connection.BeginTransactionAsync(ct);
        foreach (var key in foreignKeys)
        {
            var (table, column, parent, parentColumn) = (Quote(key.Table), Quote(key.Column), Quote(key.ParentTable), Quote(key.ParentColumn));
            try
            {
                await ExecuteAsync($"ALTER TABLE {table} ADD FOREIGN KEY ({column}) REFERENCES {parent} ({parentColumn})", transaction, ct);
            }
            catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.ForeignKeyViolation)
            {
                await transaction.RollbackAsync(ct);
                // The server's detail names the key only with Include Error Detail; the seeder looks it up itself.
                await using var first = Command(
                    $"SELECT c.{column}::text FROM {table} c WHERE c.{column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.{parentColumn} = c.{column}) LIMIT 1", null);
                var missing = await first.ExecuteScalarAsync(ct);
                throw new SeedMappingException(key.Table, key.Column,
                    $"REFERENCES {key.ParentTable} ({key.ParentColumn}): the key '{missing}' has no row in {key.ParentTable}", error);
            }
        }

        await transaction.CommitAsync(ct);
    }

    public override Task<SeedBatch> BeginBatchAsync(DbTransaction transaction, string runId, TableMapping mapping, CancellationToken ct) =>
        PostgresSeedBatch.BeginAsync(Connection, runId, mapping, ct);

    public override string DeleteRunRowsSql(string table, string keyColumn) =>
        $"DELETE FROM {Quote(table)} AS d USING (SELECT unnest(key_values) AS key_value FROM testdata_run_keys WHERE run_id = @run AND table_order = @order) k "
        + $"WHERE d.{Quote(keyColumn)}::text = k.key_value";

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
