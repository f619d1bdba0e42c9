using System.Data.Common;
using Microsoft.Data.Sqlite;
using TestDataAgent.Client;
using TestDataAgent.Client.Xunit;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Seeding;

/// <summary>
/// The sample <see cref="DatasetFixture"/>: a SQLite database file (foreign keys on) seeded with <c>ecommerce_core</c>,
/// seed 42, from an Api this fixture starts; a suite would point it at its own database and service instead.
/// </summary>
public sealed class ShopDataset : DatasetFixture, IDisposable
{
    private readonly TempDirectory _directory = new("tda-seed");
    private ApiHost? _api;

    public string ConnectionString => $"Data Source={Path.Combine(_directory.Path, "shop.db")};Foreign Keys=True;Pooling=False";

    protected override GenerateDatasetRequest Request => SeedingBackends.Shop(seed: 42, customers: 15, products: 6);

    protected override DbConnection CreateConnection() => new SqliteConnection(ConnectionString);

    protected override TestDataSeeder CreateSeeder() => new(_api!.Channel);

    protected override Task StartAsync()
    {
        Directory.CreateDirectory(_directory.Path);
        _api = ApiHost.Start(new Dictionary<string, string> { ["ConnectionStrings:redis"] = "" });
        return Task.CompletedTask;
    }

    protected override async Task StopAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }

    /// <summary>Removes the database file (xunit calls it after <c>DisposeAsync</c>, so a test can look at what the clean-up left).</summary>
    public void Dispose() => _directory.Dispose();
}
