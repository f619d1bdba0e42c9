using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace TestDataAgent.Client.Seeding;

/// <summary>PostgreSQL: the catalog from <c>information_schema</c> (current schema), rows and keys through binary <c>COPY</c>.</summary>
internal sealed class PostgresSeedDatabase(NpgsqlConnection connection) : SeedDatabase(connection)
{
    private const string ColumnsSql = """
        SELECT column_name, data_type, is_nullable = 'YES', column_default IS NOT NULL OR is_identity = 'YES',
               is_generated = 'ALWAYS', character_maximum_length, numeric_precision, numeric_scale
        FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = @table
        ORDER BY ordinal_position
        """;

    private const string PrimaryKeySql = """
        SELECT k.column_name
        FROM information_schema.table_constraints t
        JOIN information_schema.key_column_usage k
          ON k.constraint_schema = t.constraint_schema AND k.constraint_name = t.constraint_name AND k.table_name = t.table_name
        WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_schema = current_schema() AND t.table_name = @table
        ORDER BY k.ordinal_position
        """;

    public override bool TemporalsAsText => false;

    public override string LedgerDdl => """
        CREATE TABLE IF NOT EXISTS testdata_runs (
          run_id TEXT NOT NULL PRIMARY KEY, dataset TEXT NOT NULL, seed BIGINT, request_id TEXT NOT NULL,
          reference_time TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL, completed_at TIMESTAMPTZ, row_count BIGINT);
        CREATE TABLE IF NOT EXISTS testdata_run_keys (
          run_id TEXT NOT NULL REFERENCES testdata_runs (run_id), table_order INTEGER NOT NULL, table_name TEXT NOT NULL,
          key_value TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS testdata_run_keys_run ON testdata_run_keys (run_id, table_order);
        """;

    private new NpgsqlConnection Connection => (NpgsqlConnection)base.Connection;

    public override async Task<TargetTable?> ReadTableAsync(string table, CancellationToken ct)
    {
        var columns = new List<TargetColumn>();
        await using (var command = Command(ColumnsSql, null, ("table", table)))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var type = reader.GetString(1);
                var (kind, bits) = KindOf(type);
                columns.Add(new TargetColumn(reader.GetString(0), type, kind, reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4),
                    reader.IsDBNull(5) ? null : reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetInt32(6),
                    reader.IsDBNull(7) ? null : reader.GetInt32(7), bits));
            }
        }

        if (columns.Count == 0)
        {
            return null;
        }

        var primaryKey = new List<string>();
        await using (var command = Command(PrimaryKeySql, null, ("table", table)))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                primaryKey.Add(reader.GetString(0));
            }
        }

        return new TargetTable(table, columns, primaryKey);
    }

    public override async Task WriteBatchAsync(DbTransaction transaction, string runId, TableMapping mapping, IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        var types = mapping.Columns.Select(c => DbType(c.Target)).ToArray();
        var columns = string.Join(", ", mapping.Columns.Select(c => Quote(c.Target.Name)));
        await using (var import = await Connection.BeginBinaryImportAsync($"COPY {Quote(mapping.Table)} ({columns}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in rows)
            {
                // The synchronous writes only fill Npgsql's buffer; it flushes as it fills.
                import.StartRow();
                for (var i = 0; i < row.Length; i++)
                {
                    Write(import, row[i], types[i]);
                }
            }

            await import.CompleteAsync(ct);
        }

        await using (var keys = await Connection.BeginBinaryImportAsync("COPY testdata_run_keys (run_id, table_order, table_name, key_value) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in rows)
            {
                keys.StartRow();
                keys.Write(runId, NpgsqlDbType.Text);
                keys.Write(mapping.Order, NpgsqlDbType.Integer);
                keys.Write(mapping.Table, NpgsqlDbType.Text);
                keys.Write(ValueConverter.KeyText(row[mapping.KeyIndex]!), NpgsqlDbType.Text);
            }

            await keys.CompleteAsync(ct);
        }
    }

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

    private static NpgsqlDbType DbType(TargetColumn column) => column.TypeName switch
    {
        "smallint" => NpgsqlDbType.Smallint,
        "integer" => NpgsqlDbType.Integer,
        "bigint" => NpgsqlDbType.Bigint,
        "numeric" => NpgsqlDbType.Numeric,
        "real" => NpgsqlDbType.Real,
        "double precision" => NpgsqlDbType.Double,
        "boolean" => NpgsqlDbType.Boolean,
        "character varying" => NpgsqlDbType.Varchar,
        "character" => NpgsqlDbType.Char,
        "date" => NpgsqlDbType.Date,
        "timestamp without time zone" => NpgsqlDbType.Timestamp,
        "timestamp with time zone" => NpgsqlDbType.TimestampTz,
        "uuid" => NpgsqlDbType.Uuid,
        "json" => NpgsqlDbType.Json,
        "jsonb" => NpgsqlDbType.Jsonb,
        _ => NpgsqlDbType.Text,
    };

    private static void Write(NpgsqlBinaryImporter import, object? value, NpgsqlDbType type)
    {
        switch (value)
        {
            case null:
                import.WriteNull();
                break;
            case long l:
                import.Write(l, type);
                break;
            case int i:
                import.Write(i, type);
                break;
            case short s:
                import.Write(s, type);
                break;
            case decimal d:
                import.Write(d, type);
                break;
            case double d:
                import.Write(d, type);
                break;
            case float f:
                import.Write(f, type);
                break;
            case bool b:
                import.Write(b, type);
                break;
            case DateOnly date:
                import.Write(date, type);
                break;
            case DateTime time:
                import.Write(time, type);
                break;
            case Guid guid:
                import.Write(guid, type);
                break;
            default:
                import.Write((string)value, type);
                break;
        }
    }
}
