using Npgsql;
using TestDataAgent.Client;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Datasets;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Seeding;

/// <summary>
/// What the seeder tests write with and into: one Api on real sockets (the dataset over gRPC) and one throwaway
/// PostgreSQL cluster, in which every test makes its own database.
/// </summary>
public sealed class SeedingBackends : IAsyncLifetime
{
    private ApiHost? _api;
    private ThrowawayPostgres? _postgres;

    public ApiHost Api => _api!;

    /// <summary>A seeder over a gRPC channel to the Api, as a test suite or script makes one.</summary>
    public TestDataSeeder Seeder => new(Api.Channel);

    /// <summary>The preset, small, with a fixed seed and reference time: the same request gives the same rows.</summary>
    public static GenerateDatasetRequest Shop(long seed, int customers = 12, int products = 8) => new()
    {
        Preset = "ecommerce_core",
        Seed = seed,
        ReferenceTime = "2026-06-01T12:00:00Z",
        Tables =
        {
            new DatasetTable { Name = "customers", Count = customers },
            new DatasetTable { Name = "products", Count = products },
        },
    };

    /// <summary>A new, empty database of the cluster, opened.</summary>
    public async Task<NpgsqlConnection> NewPostgresDatabaseAsync()
    {
        var name = "seed_" + Guid.NewGuid().ToString("N");
        await _postgres!.ExecuteAsync($"CREATE DATABASE {name}");
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_postgres.ConnectionString) { Database = name }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task InitializeAsync()
    {
        _api = ApiHost.Start(new Dictionary<string, string> { ["ConnectionStrings:redis"] = "" });
        _postgres = await ThrowawayPostgres.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }
}
