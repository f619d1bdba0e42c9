using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Npgsql;
using TestDataAgent.Client;
using TestDataAgent.Client.Seeding;
using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Tests.Seeding;

/// <summary>
/// PostgreSQL, create-tables mode: the foreign keys are added after the rows are loaded, so a key with no parent row
/// must still fail the seed, remove the run's rows and leave every table with its constraint; and the run ledger (one
/// row a batch, its keys in an array) takes over a ledger an earlier version wrote, one key a row.
/// </summary>
public sealed partial class PostgresKeyCheckTests(SeedingBackends backends) : IClassFixture<SeedingBackends>
{
    private const string ForeignKeysSql =
        "SELECT COUNT(*) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid WHERE c.contype = 'f' AND c.convalidated AND t.relname NOT LIKE 'testdata%'";

    [Fact]
    public async Task AnOrderWhoseCustomerDoesNotExistFailsTheSeedAndTheTablesKeepEveryForeignKey()
    {
        await using var connection = await backends.NewPostgresDatabaseAsync();
        var seeder = new TestDataSeeder(new DanglingCustomerSource(backends), TimeProvider.System, null);

        var error = await Assert.ThrowsAsync<SeedMappingException>(() =>
            seeder.SeedAsync(connection, SeedingBackends.Shop(seed: 13), new SeedOptions { BatchRows = 5 }, CancellationToken.None));

        Assert.Equal(("orders", "customer_id"), (error.Table, error.Column));
        Assert.Contains(DanglingCustomerSource.MissingCustomer, error.Rule, StringComparison.Ordinal);
        Assert.IsType<PostgresException>(error.InnerException);
        // The run's committed batches are removed, and the tables it created end with their REFERENCES, validated.
        foreach (var table in new[] { "customers", "products", "orders", "order_items", "payments", "shipments", "reviews", "refunds" })
        {
            Assert.Equal(0, await connection.CountAsync(table));
        }

        Assert.Equal(0, await connection.CountAsync("testdata_runs"));
        Assert.Equal(0, await connection.CountAsync("testdata_run_keys"));
        Assert.Equal(10, await connection.ScalarAsync(ForeignKeysSql));
        // The tables take the intact dataset, and their keys hold against a change made afterwards.
        await backends.Seeder.SeedAsync(connection, SeedingBackends.Shop(seed: 13), new SeedOptions(), CancellationToken.None);
        var refused = await Assert.ThrowsAsync<PostgresException>(() =>
            connection.ExecuteAsync("UPDATE orders SET customer_id = 'CUST-X' WHERE order_id = (SELECT MIN(order_id) FROM orders)"));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
    }

    [Fact]
    public async Task TheLedgerHoldsOneRowABatchWithExactlyTheKeysItInserted()
    {
        await using var connection = await backends.NewPostgresDatabaseAsync();

        var result = await backends.Seeder.SeedAsync(connection, SeedingBackends.Shop(seed: 17), new SeedOptions { BatchRows = 10 }, CancellationToken.None);

        var batches = result.RowsPerTable.Values.Sum(rows => (rows + 9) / 10);
        Assert.Equal(batches, await connection.ScalarAsync($"SELECT COUNT(*) FROM testdata_run_keys WHERE run_id = '{result.RunId}'"));
        foreach (var (table, rows) in result.RowsPerTable)
        {
            var key = table == "order_items" ? "order_item_id" : table[..^1] + "_id";
            Assert.Equal(rows, await connection.ScalarAsync(
                $"SELECT COUNT(*) FROM {table} t JOIN (SELECT unnest(key_values) AS k FROM testdata_run_keys WHERE run_id = '{result.RunId}' AND table_name = '{table}') r ON r.k = t.{key}::text"));
        }
    }

    [Fact]
    public async Task ARunRecordedByAnEarlierLedgerShapeIsStillCleanedUpExactly()
    {
        await using var connection = await backends.NewPostgresDatabaseAsync();
        var result = await backends.Seeder.SeedAsync(connection, SeedingBackends.Shop(seed: 19), new SeedOptions(), CancellationToken.None);
        // The ledger as the first version made it: one key a row, and a foreign key to the run.
        await connection.ExecuteAsync("""
            CREATE TEMP TABLE earlier_keys AS SELECT run_id, table_order, table_name, unnest(key_values) AS key_value FROM testdata_run_keys;
            DROP TABLE testdata_run_keys;
            CREATE TABLE testdata_run_keys (
              run_id TEXT NOT NULL REFERENCES testdata_runs (run_id), table_order INTEGER NOT NULL, table_name TEXT NOT NULL, key_value TEXT NOT NULL);
            CREATE INDEX testdata_run_keys_run ON testdata_run_keys (run_id, table_order);
            INSERT INTO testdata_run_keys SELECT * FROM earlier_keys;
            CREATE TEMP TABLE own_customer AS SELECT * FROM customers LIMIT 1;
            UPDATE own_customer SET customer_id = 'CUST-OURS';
            INSERT INTO customers SELECT * FROM own_customer;
            """);

        var deleted = await backends.Seeder.CleanupAsync(connection, result.RunId, CancellationToken.None);

        Assert.Equal(result.RowsPerTable.OrderBy(t => t.Key), deleted.OrderBy(t => t.Key));
        Assert.Equal(1, await connection.CountAsync("customers"));
        Assert.Equal(0, await connection.CountAsync("orders"));
        Assert.Equal(0, await connection.CountAsync("testdata_runs"));
        Assert.Equal(1, await connection.ScalarAsync(
            "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'testdata_run_keys' AND column_name = 'key_values' AND data_type = 'ARRAY'"));
        Assert.Equal(0, await connection.ScalarAsync("SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'testdata_run_keys' AND column_name = 'key_value'"));
    }

    /// <summary>The service's dataset with the first order pointing at a customer that is not in it.</summary>
    private sealed partial class DanglingCustomerSource(SeedingBackends backends) : IDatasetSource
    {
        public const string MissingCustomer = "CUST-NOT-SEEDED";

        private readonly GrpcDatasetSource _source = new(new TestDataService.TestDataServiceClient(backends.Api.Channel));

        public Task<string> ReadDdlAsync(GenerateDatasetRequest request, CancellationToken ct) => _source.ReadDdlAsync(request, ct);

        public async IAsyncEnumerable<DatasetChunk> ReadRowsAsync(GenerateDatasetRequest request, [EnumeratorCancellation] CancellationToken ct)
        {
            var changed = false;
            await foreach (var chunk in _source.ReadRowsAsync(request, ct))
            {
                if (!changed && chunk.Table == "orders" && chunk.Data.Length > 0)
                {
                    var data = CustomerId().Replace(chunk.Data, $"\"customer_id\":\"{MissingCustomer}\"", 1);
                    Assert.NotEqual(chunk.Data, data);
                    chunk.Data = data;
                    changed = true;
                }

                yield return chunk;
            }
        }

        [GeneratedRegex("\"customer_id\":\"[^\"]*\"")]
        private static partial Regex CustomerId();
    }
}
