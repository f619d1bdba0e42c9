using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace TestDataAgent.Client.Seeding;

/// <summary>
/// What the seeder needs of one database: its catalog, a fast way to write a batch of rows and their keys, the
/// run ledger's DDL, and the statement that deletes one run's rows of one table.
/// </summary>
internal abstract class SeedDatabase
{
    protected SeedDatabase(DbConnection connection) => Connection = connection;

    public DbConnection Connection { get; }

    /// <summary>SQLite keeps dates, timestamps and uuids as text; PostgreSQL takes typed values.</summary>
    public abstract bool TemporalsAsText { get; }

    /// <summary>Creates <c>testdata_runs</c> and <c>testdata_run_keys</c> when they do not exist (PostgreSQL also converts an earlier shape).</summary>
    public abstract string LedgerDdl { get; }

    public static SeedDatabase For(DbConnection connection) => connection switch
    {
        NpgsqlConnection postgres => new PostgresSeedDatabase(postgres),
        SqliteConnection sqlite => new SqliteSeedDatabase(sqlite),
        _ => throw new NotSupportedException($"The seeder writes to PostgreSQL (NpgsqlConnection) and SQLite (SqliteConnection), not {connection.GetType().Name}."),
    };

    public static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>The table as the catalog describes it, or null when there is no such table.</summary>
    public abstract Task<TargetTable?> ReadTableAsync(string table, CancellationToken ct);

    /// <summary>The tables that exist among <paramref name="tables"/>, as the catalog describes them.</summary>
    public virtual async Task<IReadOnlyDictionary<string, TargetTable>> ReadTablesAsync(IReadOnlyList<string> tables, CancellationToken ct)
    {
        var found = new Dictionary<string, TargetTable>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            if (await ReadTableAsync(table, ct) is { } target)
            {
                found[table] = target;
            }
        }

        return found;
    }

    /// <summary>
    /// Create-tables mode: runs the dataset's DDL, keeping the tables that exist, and returns the foreign keys still to
    /// add once the rows are loaded (<see cref="AddForeignKeysAsync"/>). Here every <c>REFERENCES</c> is created with its
    /// table, so none; PostgreSQL overrides it to check each key once after loading rather than once a row.
    /// </summary>
    public virtual async Task<IReadOnlyList<DatasetForeignKey>> CreateTablesAsync(string ddl, IReadOnlyList<DatasetTableShape> shapes, CancellationToken ct)
    {
        await ExecuteAsync(DatasetDdl.IfNotExists(ddl), null, ct);
        return [];
    }

    /// <summary>
    /// Adds the foreign keys <see cref="CreateTablesAsync"/> left out, validating the rows loaded meanwhile, all in one
    /// transaction; a key with no parent row is refused (<see cref="SeedMappingException"/>) and none is added.
    /// </summary>
    public virtual Task AddForeignKeysAsync(IReadOnlyList<DatasetForeignKey> foreignKeys, CancellationToken ct) =>
        foreignKeys.Count == 0 ? Task.CompletedTask : throw new NotSupportedException("This database creates its foreign keys with its tables.");

    /// <summary>Starts a batch of <paramref name="mapping"/>'s rows inside <paramref name="transaction"/>, their keys recorded under the run.</summary>
    public abstract Task<SeedBatch> BeginBatchAsync(DbTransaction transaction, string runId, TableMapping mapping, CancellationToken ct);

    /// <summary>Deletes the rows of <paramref name="table"/> whose keys the run recorded under <c>@run</c> and <c>@order</c>.</summary>
    public abstract string DeleteRunRowsSql(string table, string keyColumn);

    /// <summary>A timestamp as the ledger's <c>created_at</c> column takes it.</summary>
    public abstract object Instant(DateTimeOffset instant);

    public async Task<int> ExecuteAsync(string sql, DbTransaction? transaction, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, transaction, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    public DbCommand Command(string sql, DbTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
