using Microsoft.Data.Sqlite;
using Npgsql;
using TestDataAgent.Hosting;

namespace TestDataAgent.Tests.Hosting;

/// <summary>WithTestData picks the driver from the database resource's connection string.</summary>
public sealed class SeedConnectionTests
{
    [Theory]
    [InlineData("Host=localhost;Port=5432;Username=postgres;Database=postgres")]
    [InlineData("Server=db;Port=5432;User ID=app;Password=secret;Database=shop")]
    public void AHostOrServerKeyIsPostgresWithoutPooling(string connectionString)
    {
        using var connection = TestDataSeedRunner.CreateConnection(connectionString);

        var npgsql = Assert.IsType<NpgsqlConnection>(connection);
        Assert.False(new NpgsqlConnectionStringBuilder(npgsql.ConnectionString).Pooling);
    }

    [Fact]
    public void ADataSourceKeyIsSqlite()
    {
        using var connection = TestDataSeedRunner.CreateConnection("Data Source=/tmp/shop.db");

        Assert.IsType<SqliteConnection>(connection);
    }

    [Fact]
    public void AConnectionStringOfNeitherKindIsRefusedNamingTheKeysItLooksFor()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TestDataSeedRunner.CreateConnection("Endpoint=http://localhost:9091"));

        Assert.Contains("Host=", error.Message, StringComparison.Ordinal);
        Assert.Contains("Data Source=", error.Message, StringComparison.Ordinal);
    }
}
