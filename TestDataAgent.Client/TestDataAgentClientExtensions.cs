using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using TestDataAgent.Client;
using TestDataAgent.Contracts.V1;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Test Data Agent client the Aspire way: by connection name, found by service discovery.</summary>
public static class TestDataAgentClientExtensions
{
    /// <summary>
    /// Registers a typed <see cref="TestDataService.TestDataServiceClient"/> for the resource
    /// <paramref name="connectionName"/> (through <c>Grpc.Net.ClientFactory</c>, so the HttpClient defaults such as
    /// resilience and telemetry apply) and a <see cref="TestDataSeeder"/> over it. The address is
    /// <see cref="TestDataAgentClientSettings.Endpoint"/>, else <c>ConnectionStrings:{name}</c>, else
    /// <c>http://_grpc.{name}</c> resolved by service discovery. (Not <c>https+http://</c>: a GrpcChannel needs one
    /// scheme when it is made, dotnet/aspire#2896.)
    /// </summary>
    public static IHttpClientBuilder AddTestDataAgentClient(this IServiceCollection services, string connectionName,
        Action<TestDataAgentClientSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(connectionName);
        services.AddServiceDiscovery();
        var client = services
            .AddGrpcClient<TestDataService.TestDataServiceClient>((provider, options) => options.Address = Address(provider, connectionName, configure))
            .AddServiceDiscovery();
        services.AddTransient(provider => new TestDataSeeder(provider.GetRequiredService<TestDataService.TestDataServiceClient>(),
            provider.GetService<ILogger<TestDataSeeder>>()));
        return client;
    }

    private static Uri Address(IServiceProvider provider, string connectionName, Action<TestDataAgentClientSettings>? configure)
    {
        var settings = new TestDataAgentClientSettings();
        configure?.Invoke(settings);
        if (settings.Endpoint is not null)
        {
            return settings.Endpoint;
        }

        var connectionString = provider.GetService<IConfiguration>()?.GetConnectionString(connectionName);
        return Uri.TryCreate(connectionString, UriKind.Absolute, out var endpoint) ? endpoint : new Uri($"http://_grpc.{connectionName}");
    }
}
