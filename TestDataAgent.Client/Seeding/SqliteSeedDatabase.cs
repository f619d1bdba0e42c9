using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace TestDataAgent.Client.Seeding;

/// <summary>
/// SQLite: the catalog from <c>pragma_table_xinfo</c>, rows and keys through one prepared <c>INSERT</c> each, reused
/// for every row of the batch (<see cref="SqliteSeedBatch"/>). Declared types are read by SQLite's affinity rules.
/// </summary>
internal sealed class SqliteSeedDatabase(SqliteConnection connection) : SeedDatabase(connection)
{
    public override bool TemporalsAsText => true;

    // key_value has no declared type, so a key is stored as it was bound and compares with its column as such.
    public override string LedgerDdl => """
        CREATE TABLE IF NOT EXISTS testdata_runs (
          run_id TEXT NOT NULL PRIMARY KEY, dataset TEXT NOT NULL, seed BIGINT, request_id TEXT NOT NULL,
          reference_time TEXT NOT NULL, created_at TEXT NOT NULL, completed_at TEXT, row_count BIGINT);
        CREATE TABLE IF NOT EXISTS testdata_run_keys (
          run_id TEXT NOT NULL REFERENCES testdata_runs (run_id), table_order INTEGER NOT NULL, table_name TEXT NOT NULL,
          key_value NOT NULL);
        CREATE INDEX IF NOT EXISTS testdata_run_keys_run ON testdata_run_keys (run_id, table_order);
        """;

    public override async Task<TargetTable?> ReadTableAsync(string table, CancellationToken ct)
    {
        var columns = new List<TargetColumn>();
        var primaryKey = new SortedDictionary<long, string>();
        await using (var command = Command("SELECT name, type, \"notnull\", dflt_value IS NOT NULL, pk, hidden FROM pragma_table_xinfo(@table)", null, ("table", table)))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var (name, type, pk, hidden) = (reader.GetString(0), reader.GetString(1), reader.GetInt64(4), reader.GetInt64(5));
                if (hidden == 1)
                {
                    continue;
                }

                if (pk > 0)
                {
                    primaryKey[pk] = name;
                }

                var rowidAlias = pk > 0 && type.Equals("INTEGER", StringComparison.OrdinalIgnoreCase);
                columns.Add(new TargetColumn(name, type, KindOf(type), reader.GetInt64(2) == 0, reader.GetBoolean(3) || rowidAlias, hidden >= 2,
                    MaxLength: null));
            }
        }

        return columns.Count == 0 ? null : new TargetTable(table, columns, [.. primaryKey.Values]);
    }

    public override Task<SeedBatch> BeginBatchAsync(DbTransaction transaction, string runId, TableMapping mapping, CancellationToken ct) =>
        Task.FromResult<SeedBatch>(new SqliteSeedBatch(this, transaction, runId, mapping, ct));

    public override string DeleteRunRowsSql(string table, string keyColumn) =>
        $"DELETE FROM {Quote(table)} WHERE {Quote(keyColumn)} IN (SELECT key_value FROM testdata_run_keys WHERE run_id = @run AND table_order = @order)";

    public override object Instant(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>SQLite's affinity rules (section 3.1 of its datatype page), then the numeric names the dataset's DDL uses.</summary>
    private static ColumnKind KindOf(string declared)
    {
        var type = declared.ToUpperInvariant();
        return type switch
        {
            _ when type.Contains("INT", StringComparison.Ordinal) => ColumnKind.Integer,
            _ when type.Contains("CHAR", StringComparison.Ordinal) || type.Contains("CLOB", StringComparison.Ordinal) || type.Contains("TEXT", StringComparison.Ordinal) => ColumnKind.Text,
            _ when type.Length == 0 || type.Contains("BLOB", StringComparison.Ordinal) => ColumnKind.Any,
            _ when type.Contains("REAL", StringComparison.Ordinal) || type.Contains("FLOA", StringComparison.Ordinal) || type.Contains("DOUB", StringComparison.Ordinal) => ColumnKind.Real,
            _ when type.Contains("BOOL", StringComparison.Ordinal) => ColumnKind.Boolean,
            _ when type.Contains("TIMESTAMP", StringComparison.Ordinal) || type.Contains("DATETIME", StringComparison.Ordinal) => ColumnKind.Timestamp,
            _ when type.Contains("DATE", StringComparison.Ordinal) => ColumnKind.Date,
            _ when type.Contains("JSON", StringComparison.Ordinal) => ColumnKind.Json,
            _ when type.Contains("UUID", StringComparison.Ordinal) => ColumnKind.Uuid,
            _ => ColumnKind.Decimal,
        };
    }
}
