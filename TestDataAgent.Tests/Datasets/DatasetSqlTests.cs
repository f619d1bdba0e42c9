using Microsoft.Data.Sqlite;
using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Tests.Datasets;

/// <summary>
/// The preset's SQL, unchanged, in SQLite with foreign keys enforced and in a real PostgreSQL: every statement runs, every
/// row arrives, and the databases themselves find no foreign key without its row.
/// </summary>
public sealed class DatasetSqlTests
{
    [Theory]
    [InlineData(8, 5, 1L)]
    [InlineData(60, 25, 424242L)]
    public async Task TheSqlLoadsIntoSqliteWithForeignKeysEnforced(int customers, int products, long seed)
    {
        var run = await DatasetRun.PresetAsync(customers, products, seed, DataFormat.Sql);
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, "PRAGMA foreign_keys = ON;");

        Execute(connection, run.Text);

        foreach (var (table, rows) in run.Summary.RowCounts)
        {
            Assert.Equal(rows, Scalar(connection, $"SELECT COUNT(*) FROM \"{table}\""));
        }

        Assert.Equal(0, Scalar(connection, "SELECT COUNT(*) FROM pragma_foreign_key_check"));
        Assert.Equal(0, Scalar(connection, "SELECT COUNT(*) FROM order_items i JOIN products p ON p.product_id = i.product_id WHERE i.unit_price <> p.price"));
    }

    [Fact]
    public async Task SqliteRefusesARowWhoseParentIsMissingSoTheKeysAreRealConstraints()
    {
        var run = await DatasetRun.PresetAsync(3, 3, 2, DataFormat.Sql);
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, "PRAGMA foreign_keys = ON;");
        Execute(connection, run.Chunks[0].Data);

        var error = Assert.Throws<SqliteException>(() => Execute(connection,
            "INSERT INTO \"orders\" (\"order_id\", \"customer_id\", \"shipping_address\", \"payment_method\", \"status\", \"subtotal\", \"tax\", \"shipping\", \"discount\", \"total\", \"created_at\", \"_scenario\", \"_index\") " +
            "VALUES ('ORD-X', 'CUST-NOPE', '{}', 'paypal', 'delivered', 1, 0, 0, 0, 1, '2026-01-01T00:00:00Z', 'default', 0);"));
        Assert.Contains("FOREIGN KEY", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheSqlLoadsIntoARealPostgreSqlWithEveryKeyEnforced()
    {
        var run = await DatasetRun.PresetAsync(40, 15, 77, DataFormat.Sql);
        await using var postgres = await ThrowawayPostgres.StartAsync();

        await postgres.ExecuteAsync(run.Text);

        foreach (var (table, rows) in run.Summary.RowCounts)
        {
            Assert.Equal(rows, await postgres.ScalarAsync($"SELECT COUNT(*) FROM \"{table}\""));
        }

        Assert.Equal(0, await postgres.ScalarAsync("SELECT COUNT(*) FROM payments p JOIN orders o ON o.order_id = p.order_id WHERE p.amount <> o.total"));
        Assert.Equal(10, await postgres.ScalarAsync("SELECT COUNT(*) FROM information_schema.table_constraints WHERE constraint_type = 'FOREIGN KEY'"));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => postgres.ExecuteAsync("DELETE FROM customers"));
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
