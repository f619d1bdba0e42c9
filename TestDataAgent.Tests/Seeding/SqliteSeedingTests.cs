using Microsoft.Data.Sqlite;
using TestDataAgent.Client;

namespace TestDataAgent.Tests.Seeding;

/// <summary>
/// The seeder against SQLite with <c>PRAGMA foreign_keys = ON</c> (prepared inserts), the dataset streamed over gRPC
/// from a real Api: both modes, clean-up, and the same seed giving the same rows.
/// </summary>
public sealed class SqliteSeedingTests(SeedingBackends backends) : IClassFixture<SeedingBackends>
{
    [Fact]
    public async Task CreateTablesWritesThePresetWithForeignKeysEnforcedBySqlite()
    {
        await using var connection = await OpenAsync();

        var result = await backends.Seeder.SeedAsync(connection, SeedingBackends.Shop(seed: 21), new SeedOptions(), CancellationToken.None);

        foreach (var (table, rows) in result.Summary.RowCounts)
        {
            Assert.Equal(rows, await connection.CountAsync(table));
        }

        Assert.Equal(0, await connection.ScalarAsync("SELECT COUNT(*) FROM pragma_foreign_key_check"));
        Assert.Equal(0, await connection.ScalarAsync("SELECT COUNT(*) FROM order_items i JOIN products p ON p.product_id = i.product_id WHERE i.unit_price <> p.price"));
        await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync("DELETE FROM customers"));
    }

    [Fact]
    public async Task ExistingTablesAreFilledAndCleanupLeavesTheRowsTheRunDidNotInsert()
    {
        await using var connection = await OpenAsync();
        await connection.ExecuteAsync("""
            CREATE TABLE customers (customer_id TEXT PRIMARY KEY, email TEXT NOT NULL, loyalty_points INTEGER, note TEXT);
            CREATE TABLE orders (order_id TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers (customer_id), total NUMERIC, created_at DATETIME);
            CREATE TABLE products (product_id TEXT PRIMARY KEY, name TEXT NOT NULL);
            CREATE TABLE order_items (order_item_id TEXT PRIMARY KEY, order_id TEXT NOT NULL REFERENCES orders (order_id), product_id TEXT REFERENCES products (product_id), quantity INT);
            CREATE TABLE payments (payment_id TEXT PRIMARY KEY, order_id TEXT REFERENCES orders (order_id), amount REAL);
            CREATE TABLE shipments (shipment_id TEXT PRIMARY KEY, order_id TEXT REFERENCES orders (order_id));
            CREATE TABLE reviews (review_id TEXT PRIMARY KEY, product_id TEXT REFERENCES products (product_id), rating INTEGER);
            CREATE TABLE refunds (refund_id TEXT PRIMARY KEY, payment_id TEXT REFERENCES payments (payment_id));
            INSERT INTO customers VALUES ('CUST-OURS', 'ours@example.com', 5, 'kept');
            INSERT INTO orders VALUES ('ORD-OURS', 'CUST-OURS', 10, '2026-01-01T00:00:00Z');
            """);

        var result = await backends.Seeder.SeedAsync(connection, SeedingBackends.Shop(seed: 9), new SeedOptions { Mode = SeedMode.ExistingTables }, CancellationToken.None);

        Assert.Equal(result.RowsPerTable["customers"] + 1, await connection.CountAsync("customers"));
        Assert.Equal(result.RowsPerTable["customers"], await connection.ScalarAsync("SELECT COUNT(*) FROM customers WHERE note IS NULL AND typeof(loyalty_points) = 'integer'"));
        Assert.Equal(0, await connection.ScalarAsync("SELECT COUNT(*) FROM pragma_foreign_key_check"));

        await backends.Seeder.CleanupAsync(connection, result.RunId, CancellationToken.None);

        Assert.Equal("CUST-OURS|ours@example.com|5|kept|\n", await connection.DumpAsync("customers", "customer_id"));
        Assert.Equal(1, await connection.CountAsync("orders"));
        Assert.Equal(0, await connection.CountAsync("order_items") + await connection.CountAsync("payments") + await connection.CountAsync("refunds"));
    }

    [Fact]
    public async Task TheSameSeedWritesTheSameRowsInEveryRun()
    {
        var dumps = new List<string>();
        foreach (var _ in new[] { 1, 2 })
        {
            await using var connection = await OpenAsync();
            await backends.Seeder.SeedAsync(connection, SeedingBackends.Shop(seed: 42), new SeedOptions { BatchRows = 5 }, CancellationToken.None);
            dumps.Add(await connection.DumpAsync("customers", "customer_id") + await connection.DumpAsync("orders", "order_id") + await connection.DumpAsync("reviews", "review_id"));
        }

        await using var other = await OpenAsync();
        await backends.Seeder.SeedAsync(other, SeedingBackends.Shop(seed: 43), new SeedOptions(), CancellationToken.None);

        Assert.Equal(dumps[0], dumps[1]);
        Assert.NotEqual(dumps[0], await other.DumpAsync("customers", "customer_id") + await other.DumpAsync("orders", "order_id") + await other.DumpAsync("reviews", "review_id"));
    }

    [Fact]
    public async Task AnIntegerColumnForTextKeysIsRefusedNamingTheTableAndColumn()
    {
        await using var connection = await OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, email TEXT)");

        var error = await Assert.ThrowsAsync<SeedMappingException>(() =>
            backends.Seeder.SeedAsync(connection, SeedingBackends.Shop(seed: 1), new SeedOptions(), CancellationToken.None));

        Assert.Equal(("customers", "customer_id"), (error.Table, error.Column));
        Assert.Contains("INTEGER cannot hold the dataset's TEXT values", error.Message, StringComparison.Ordinal);
    }

    private static async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await connection.ExecuteAsync("PRAGMA foreign_keys = ON");
        return connection;
    }
}
