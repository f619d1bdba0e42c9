using TestDataAgent.Client;

namespace TestDataAgent.Tests.Seeding;

/// <summary>
/// The seeder against a real PostgreSQL (binary COPY) with the dataset streamed over gRPC from a real Api: both modes
/// with every foreign key enforced by the database, clean-up of exactly one run's rows, and refusals that name what
/// cannot map.
/// </summary>
public sealed class PostgresSeedingTests(SeedingBackends backends) : IClassFixture<SeedingBackends>
{
    private static readonly string[] s_childrenFirst = ["refunds", "reviews", "shipments", "payments", "order_items", "orders", "products", "customers"];

    [Fact]
    public async Task CreateTablesWritesEveryRowOfThePresetWithItsForeignKeysEnforced()
    {
        await using var connection = await backends.NewPostgresDatabaseAsync();

        var result = await backends.Seeder.SeedAsync(connection, SeedingBackends.Shop(seed: 7), new SeedOptions(), CancellationToken.None);

        Assert.Equal(s_childrenFirst.Reverse(), result.RowsPerTable.Keys);
        foreach (var (table, rows) in result.Summary.RowCounts)
        {
            Assert.Equal(rows, result.RowsPerTable[table]);
            Assert.Equal(rows, await connection.CountAsync(table));
        }

        Assert.Equal(7, result.Seed);
        Assert.Equal(10, await connection.ScalarAsync("SELECT COUNT(*) FROM information_schema.table_constraints WHERE constraint_type = 'FOREIGN KEY' AND table_name NOT LIKE 'testdata%'"));
        Assert.Equal(0, await connection.ScalarAsync("SELECT COUNT(*) FROM payments p JOIN orders o ON o.order_id = p.order_id WHERE p.amount <> o.total"));
        Assert.Equal(10, await connection.ScalarAsync("SELECT COUNT(*) FROM pg_constraint WHERE contype = 'f' AND convalidated"));
        Assert.Equal(result.TotalRows, await connection.ScalarAsync($"SELECT COUNT(*) FROM testdata_run_keys k, unnest(k.key_values) WHERE k.run_id = '{result.RunId}'"));
        Assert.Equal(result.TotalRows, await connection.ScalarAsync($"SELECT row_count FROM testdata_runs WHERE run_id = '{result.RunId}' AND seed = 7 AND dataset = 'ecommerce_core'"));
    }

    [Fact]
    public async Task CleanupDeletesExactlyTheRunsRowsAndKeepsRowsItDidNotInsert()
    {
        await using var connection = await backends.NewPostgresDatabaseAsync();
        var result = await backends.Seeder.SeedAsync(connection, SeedingBackends.Shop(seed: 11), new SeedOptions { BatchRows = 7 }, CancellationToken.None);
        // Rows the run did not insert: a customer of our own and an order of theirs, copied from seeded rows under new keys.
        await connection.ExecuteAsync("""
            CREATE TEMP TABLE own_customer AS SELECT * FROM customers LIMIT 1;
            UPDATE own_customer SET customer_id = 'CUST-OURS';
            INSERT INTO customers SELECT * FROM own_customer;
            CREATE TEMP TABLE own_order AS SELECT * FROM orders LIMIT 1;
            UPDATE own_order SET order_id = 'ORD-OURS', customer_id = 'CUST-OURS';
            INSERT INTO orders SELECT * FROM own_order;
            """);

        var deleted = await backends.Seeder.CleanupAsync(connection, result.RunId, CancellationToken.None);

        Assert.Equal(s_childrenFirst, deleted.Keys);
        foreach (var (table, rows) in result.RowsPerTable)
        {
            Assert.Equal(rows, deleted[table]);
        }

        Assert.Equal(1, await connection.CountAsync("customers"));
        Assert.Equal(1, await connection.ScalarAsync("SELECT COUNT(*) FROM orders WHERE order_id = 'ORD-OURS' AND customer_id = 'CUST-OURS'"));
        Assert.Equal(0, await connection.CountAsync("payments"));
        Assert.Equal(0, await connection.CountAsync("testdata_run_keys"));
        Assert.Equal(0, await connection.CountAsync("testdata_runs"));
        Assert.Empty(await backends.Seeder.CleanupAsync(connection, result.RunId, CancellationToken.None));
    }

    [Fact]
    public async Task ExistingTablesAreFilledByColumnNameWithTheirOwnTypesAndExtraColumns()
    {
        await using var connection = await backends.NewPostgresDatabaseAsync();
        var first = await backends.Seeder.SeedAsync(connection, SeedingBackends.Shop(seed: 3), new SeedOptions(), CancellationToken.None);
        await backends.Seeder.CleanupAsync(connection, first.RunId, CancellationToken.None);
        // The application's own schema: no bookkeeping columns, its own types, a column the dataset does not have.
        foreach (var table in s_childrenFirst)
        {
            await connection.ExecuteAsync($"ALTER TABLE {table} DROP COLUMN _scenario, DROP COLUMN _index");
        }

        await connection.ExecuteAsync("""
            ALTER TABLE customers ADD COLUMN notes text, ADD COLUMN active boolean NOT NULL DEFAULT true;
            ALTER TABLE orders ALTER COLUMN created_at TYPE timestamptz, ALTER COLUMN total TYPE double precision, ALTER COLUMN status TYPE varchar(20);
            ALTER TABLE order_items ALTER COLUMN quantity TYPE integer;
            """);

        var result = await backends.Seeder.SeedAsync(connection, SeedingBackends.Shop(seed: 3), new SeedOptions { Mode = SeedMode.ExistingTables }, CancellationToken.None);

        Assert.Equal(first.RowsPerTable, result.RowsPerTable);
        Assert.Equal(result.RowsPerTable["customers"], await connection.ScalarAsync("SELECT COUNT(*) FROM customers WHERE notes IS NULL AND active"));
        Assert.Equal(0, await connection.ScalarAsync("SELECT COUNT(*) FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE o.created_at < c.registration_date"));
        Assert.Equal(0, await connection.ScalarAsync("SELECT COUNT(*) FROM order_items i JOIN products p ON p.product_id = i.product_id WHERE i.unit_price <> p.price"));
    }

    [Fact]
    public async Task ARequiredColumnWithNoSourceIsRefusedByNameBeforeAnyRowIsWritten()
    {
        await using var connection = await backends.NewPostgresDatabaseAsync();
        await SeedAndEmptyAsync(connection);
        await connection.ExecuteAsync("ALTER TABLE orders ADD COLUMN channel text NOT NULL");

        var error = await Assert.ThrowsAsync<SeedMappingException>(() =>
            backends.Seeder.SeedAsync(connection, SeedingBackends.Shop(seed: 5), new SeedOptions { Mode = SeedMode.ExistingTables }, CancellationToken.None));

        Assert.Equal(("orders", "channel"), (error.Table, error.Column));
        Assert.Contains("no source", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await connection.CountAsync("customers"));
        Assert.Equal(0, await connection.CountAsync("testdata_runs"));
    }

    [Fact]
    public async Task AColumnTypeThatCannotHoldTheDatasetsValuesIsRefusedByName()
    {
        await using var connection = await backends.NewPostgresDatabaseAsync();
        await SeedAndEmptyAsync(connection);
        await connection.ExecuteAsync("ALTER TABLE products ALTER COLUMN name TYPE integer USING 0");

        var error = await Assert.ThrowsAsync<SeedMappingException>(() =>
            backends.Seeder.SeedAsync(connection, SeedingBackends.Shop(seed: 5), new SeedOptions { Mode = SeedMode.ExistingTables }, CancellationToken.None));

        Assert.Equal(("products", "name"), (error.Table, error.Column));
        // Refused from the catalog, before the first row (a refusal at a row names the row).
        Assert.Equal("column type integer cannot hold the dataset's TEXT values", error.Rule);
        Assert.Equal(0, await connection.CountAsync("testdata_runs"));
    }

    [Fact]
    public async Task AValueTooLongForItsColumnIsRefusedAtItsRowAndTheRowsAlreadyWrittenAreRemoved()
    {
        await using var connection = await backends.NewPostgresDatabaseAsync();
        await SeedAndEmptyAsync(connection);
        await connection.ExecuteAsync("ALTER TABLE orders ALTER COLUMN status TYPE varchar(3)");

        var error = await Assert.ThrowsAsync<SeedMappingException>(() =>
            backends.Seeder.SeedAsync(connection, SeedingBackends.Shop(seed: 5), new SeedOptions { Mode = SeedMode.ExistingTables }, CancellationToken.None));

        Assert.Equal(("orders", "status"), (error.Table, error.Column));
        Assert.Contains("row 0", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await connection.CountAsync("customers"));
        Assert.Equal(0, await connection.CountAsync("products"));
        Assert.Equal(0, await connection.CountAsync("testdata_runs"));
    }

    /// <summary>Leaves the preset's tables, empty: an application's schema for the existing-tables mode.</summary>
    private async Task SeedAndEmptyAsync(Npgsql.NpgsqlConnection connection)
    {
        var run = await backends.Seeder.SeedAsync(connection, SeedingBackends.Shop(seed: 1, customers: 2, products: 2), new SeedOptions(), CancellationToken.None);
        await backends.Seeder.CleanupAsync(connection, run.RunId, CancellationToken.None);
    }
}
