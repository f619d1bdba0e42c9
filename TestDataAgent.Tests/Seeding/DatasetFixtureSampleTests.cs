namespace TestDataAgent.Tests.Seeding;

/// <summary>A test class as a suite writes one: the fixture seeded its database before the first test.</summary>
public sealed class DatasetFixtureSampleTests(ShopDataset shop) : IClassFixture<ShopDataset>
{
    [Fact]
    public async Task TheClassFindsTheSeededCustomersInItsDatabase()
    {
        Assert.Equal(15, shop.Result.RowsPerTable["customers"]);
        Assert.Equal(15, await shop.Connection.CountAsync("customers"));
        Assert.Equal(0, await shop.Connection.ScalarAsync("SELECT COUNT(*) FROM pragma_foreign_key_check"));
    }

    [Fact]
    public async Task TheRowsAreTheSeedsOwn()
    {
        Assert.Equal(42, shop.Result.Seed);
        Assert.Equal(1, await shop.Connection.ScalarAsync($"SELECT COUNT(*) FROM testdata_runs WHERE run_id = '{shop.Result.RunId}' AND seed = 42"));
    }
}

/// <summary>The fixture's life cycle driven by hand: it seeds on start and removes exactly its rows when disposed.</summary>
public sealed class DatasetFixtureLifecycleTests
{
    [Fact]
    public async Task DisposingTheFixtureRemovesItsRowsAndKeepsRowsAddedByTheTests()
    {
        using var shop = new ShopDataset();
        await shop.InitializeAsync();
        var seeded = shop.Result;
        await shop.Connection.ExecuteAsync("INSERT INTO products SELECT 'PROD-OURS', name, description, price, category, sku, in_stock, stock_quantity, brand, created_at, updated_at, _scenario, _index FROM products LIMIT 1");

        await shop.DisposeAsync();

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(shop.ConnectionString);
        await connection.OpenAsync();
        Assert.True(seeded.TotalRows > 15);
        Assert.Equal(1, await connection.CountAsync("products"));
        Assert.Equal(0, await connection.CountAsync("customers"));
        Assert.Equal(0, await connection.CountAsync("testdata_runs"));
    }
}
