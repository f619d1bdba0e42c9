using Microsoft.Extensions.Options;
using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Web.Playground;

public static class TestDataApiClientExtensions
{
    /// <summary>
    /// The api's gRPC client, as eShop's WebApp makes its clients: the address names the resource
    /// (<see cref="TestDataApiOptions.Address"/>) and service discovery finds it; <c>TestDataApi:ApiKey</c> goes with
    /// every call when set. The standard resilience handler is removed from this client: its 30 s total timeout would end
    /// every long download, and a retried stream would repeat records.
    /// </summary>
    public static IHostApplicationBuilder AddTestDataApiClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TestDataApiOptions>()
            .BindConfiguration(TestDataApiOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddTransient<ApiKeyHandler>();
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is the documented way to opt one client out of the defaults.
        builder.Services.AddGrpcClient<TestDataService.TestDataServiceClient>((sp, grpc) =>
                grpc.Address = sp.GetRequiredService<IOptions<TestDataApiOptions>>().Value.Address)
            .RemoveAllResilienceHandlers()
            .AddHttpMessageHandler<ApiKeyHandler>();
#pragma warning restore EXTEXP0001
        return builder;
    }
}
