using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;
using HealthCheckRequest = TestDataAgent.Contracts.V1.HealthCheckRequest;

namespace TestDataAgent.Tests.Integration;

[Collection(ApiGroup.Name)]
public sealed class SchemasAndHealthTests(ApiFixture api)
{
    [Fact]
    public async Task GetSchemasListsTheCoreEntitiesWithRealExamples()
    {
        var response = await api.Client.GetSchemasAsync(new GetSchemasRequest(), deadline: Deadlines.Call());

        Assert.Equal(36, response.Schemas.Count);
        Assert.Equal(["cart", "cart_item", "saved_cart", "order"], response.Schemas.Take(4).Select(s => s.Name));
        var user = response.Schemas.Single(s => s.Name == "user");
        Assert.Equal("ecommerce", user.Domain);
        var email = user.Fields.Single(f => f.Name == "email");
        Assert.Equal("email", email.Type);
        Assert.True(email.Required);
        Assert.Contains("@", email.Example, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDomainFilterIsExact()
    {
        Assert.Equal(36, (await api.Client.GetSchemasAsync(new GetSchemasRequest { Domain = "ecommerce" }, deadline: Deadlines.Call())).Schemas.Count);
        Assert.Empty((await api.Client.GetSchemasAsync(new GetSchemasRequest { Domain = "banking" }, deadline: Deadlines.Call())).Schemas);
    }

    [Fact]
    public async Task HealthCheckReportsTheServerAndSaysRedisIsNotConfigured()
    {
        var response = await api.Client.HealthCheckAsync(new HealthCheckRequest(), deadline: Deadlines.Call());

        Assert.Equal("healthy", response.Status);
        Assert.Equal("healthy", response.Components["grpc_server"]);
        Assert.Equal("not_configured", response.Components["redis"]);
    }

    [Fact]
    public async Task TheStandardGrpcHealthServiceSaysServing()
    {
        var health = new Health.HealthClient(api.Channel);

        var overall = await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest(), deadline: Deadlines.Call());
        var service = await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest { Service = "testdata.v1.TestDataService" }, deadline: Deadlines.Call());

        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, overall.Status);
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, service.Status);
    }

    [Fact]
    public async Task ReflectionListsTheServiceForGrpcurl()
    {
        var reflection = new ServerReflection.ServerReflectionClient(api.Channel);
        using var call = reflection.ServerReflectionInfo(deadline: Deadlines.Call());

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Contains("testdata.v1.TestDataService", call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name));
    }
}
