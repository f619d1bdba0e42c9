using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TestDataAgent.Client;
using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Tests.Seeding;

/// <summary>
/// <c>AddTestDataAgentClient("testdata")</c> as an Aspire service uses it: the address comes from service discovery
/// (<c>services:testdata:grpc:0</c>, what an AppHost's <c>WithReference</c> sets) or from the connection string, and the
/// typed client and the seeder from DI reach a real Api.
/// </summary>
public sealed class ClientRegistrationTests(SeedingBackends backends) : IClassFixture<SeedingBackends>
{
    [Fact]
    public async Task ServiceDiscoveryResolvesTheConnectionNameToTheApisGrpcEndpoint()
    {
        using var provider = Provider(new() { ["services:testdata:grpc:0"] = backends.Api.GrpcAddress.ToString() });

        var seeder = provider.GetRequiredService<TestDataSeeder>();
        await using var connection = new SqliteConnection("Data Source=:memory:");
        var result = await seeder.SeedAsync(connection, SeedingBackends.Shop(seed: 2, customers: 3, products: 2), new SeedOptions(), CancellationToken.None);

        Assert.Equal(3, result.RowsPerTable["customers"]);
    }

    [Fact]
    public async Task AConnectionStringGivesTheAddressWithoutServiceDiscovery()
    {
        using var provider = Provider(new() { ["ConnectionStrings:testdata"] = backends.Api.GrpcAddress.ToString() });

        var client = provider.GetRequiredService<TestDataService.TestDataServiceClient>();
        var schemas = await client.GetSchemasAsync(new GetSchemasRequest(), deadline: DateTime.UtcNow.Add(Infrastructure.Deadlines.Hang));

        Assert.NotEmpty(schemas.Schemas);
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddLogging();
        services.AddTestDataAgentClient("testdata");
        return services.BuildServiceProvider();
    }
}
