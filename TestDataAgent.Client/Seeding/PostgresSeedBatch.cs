using Npgsql;
using NpgsqlTypes;

namespace TestDataAgent.Client.Seeding;

/// <summary>
/// PostgreSQL: the rows through one binary <c>COPY</c>, written as they are added (Npgsql sends its buffer whenever it
/// fills), and their keys as one <c>text[]</c> row of <c>testdata_run_keys</c> once the rows are complete.
/// </summary>
internal sealed class PostgresSeedBatch : SeedBatch
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlBinaryImporter _import;
    private readonly NpgsqlDbType[] _types;
    private readonly string _runId;
    private readonly TableMapping _mapping;
    private readonly List<string> _keys = [];

    private PostgresSeedBatch(NpgsqlConnection connection, NpgsqlBinaryImporter import, string runId, TableMapping mapping)
    {
        _connection = connection;
        _import = import;
        _types = [.. mapping.Columns.Select(c => DbType(c.Target))];
        _runId = runId;
        _mapping = mapping;
    }

    public static async Task<SeedBatch> BeginAsync(NpgsqlConnection connection, string runId, TableMapping mapping, CancellationToken ct)
    {
        var columns = string.Join(", ", mapping.Columns.Select(c => SeedDatabase.Quote(c.Target.Name)));
        var import = await connection.BeginBinaryImportAsync($"COPY {SeedDatabase.Quote(mapping.Table)} ({columns}) FROM STDIN (FORMAT BINARY)", ct);
        return new PostgresSeedBatch(connection, import, runId, mapping);
    }

    public override void Add(object?[] row)
    {
        // The synchronous writes only fill Npgsql's buffer; it flushes as it fills.
        _import.StartRow();
        for (var i = 0; i < row.Length; i++)
        {
            Write(_import, row[i], _types[i]);
        }

        _keys.Add(ValueConverter.KeyText(row[_mapping.KeyIndex]!));
    }

    public override async Task CompleteAsync(CancellationToken ct)
    {
        await _import.CompleteAsync(ct);
        await _import.DisposeAsync();
        // One ledger row for the batch's keys, in the batch's transaction (Npgsql enlists the command in it).
        await using var keys = new NpgsqlCommand(
            "INSERT INTO testdata_run_keys (run_id, table_order, table_name, key_values) VALUES (@run, @order, @table, @keys)", _connection);
        keys.Parameters.Add(new NpgsqlParameter<string>("run", NpgsqlDbType.Text) { TypedValue = _runId });
        keys.Parameters.Add(new NpgsqlParameter<int>("order", NpgsqlDbType.Integer) { TypedValue = _mapping.Order });
        keys.Parameters.Add(new NpgsqlParameter<string>("table", NpgsqlDbType.Text) { TypedValue = _mapping.Table });
        keys.Parameters.Add(new NpgsqlParameter<List<string>>("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = _keys });
        await keys.ExecuteNonQueryAsync(ct);
    }

    // Disposing an import that was not completed cancels the COPY; disposing a completed one does nothing.
    public override ValueTask DisposeAsync() => _import.DisposeAsync();

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
