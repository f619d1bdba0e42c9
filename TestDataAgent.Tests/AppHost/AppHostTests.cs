extern alias AppHostAssembly;

using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Net.Client;
using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Tests.AppHost;

/// <summary>The whole app model, started as a user starts it, on a machine without a container runtime.</summary>
public sealed class AppHostTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task TheAppModelServesGenerateDataWithTheLocalRedis()
    {
        using var cancellation = new CancellationTokenSource(s_timeout);
        // "local" forces the redis-server process even where a container runtime exists, so the test needs no Docker.
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<AppHostAssembly::Projects.TestDataAgent_AppHost>(
            ["AppHost:Redis=local"], cancellation.Token);
        await using var app = await builder.BuildAsync(cancellation.Token);
        await app.StartAsync(cancellation.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Redis, cancellation.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Api, cancellation.Token);

        using var channel = GrpcChannel.ForAddress(app.GetEndpoint(ResourceNames.Api, ResourceNames.GrpcEndpoint));
        var client = new TestDataService.TestDataServiceClient(channel);
        var response = await client.GenerateDataAsync(new GenerateRequest { Entity = "order", Count = 20 }, cancellationToken: cancellation.Token);
        var health = await client.HealthCheckAsync(new HealthCheckRequest(), cancellationToken: cancellation.Token);
        // The run's own key (the api-key parameter on the dashboard) is accepted; a wrong one is not.
        var key = await builder.Resources.OfType<ParameterResource>().Single(p => p.Name == "api-key").GetValueAsync(cancellation.Token);
        var keyed = await client.GenerateDataAsync(new GenerateRequest { Entity = "user", Count = 1 }, new Grpc.Core.Metadata { { "x-api-key", key! } }, cancellationToken: cancellation.Token);
        var wrong = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => client.GenerateDataAsync(
            new GenerateRequest { Entity = "user", Count = 1 }, new Grpc.Core.Metadata { { "x-api-key", "wrong" } }, cancellationToken: cancellation.Token).ResponseAsync);
        using var http = app.CreateHttpClient(ResourceNames.Api, ResourceNames.HttpEndpoint);
        var healthBody = await http.GetStringAsync(new Uri("/health", UriKind.Relative), cancellation.Token);

        Assert.True(response.Success, response.Error);
        Assert.Equal(20, response.RecordCount);
        Assert.True(keyed.Success, keyed.Error);
        Assert.Equal(Grpc.Core.StatusCode.Unauthenticated, wrong.StatusCode);
        Assert.Equal("healthy", health.Status);
        Assert.Equal("healthy", health.Components[ResourceNames.Redis]);
        Assert.Contains("test-data-agent", healthBody, StringComparison.Ordinal);
    }
}
