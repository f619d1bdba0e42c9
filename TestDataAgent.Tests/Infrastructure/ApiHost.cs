extern alias ApiAssembly;

using Grpc.Net.Client;
using Microsoft.AspNetCore.Mvc.Testing;
using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Tests.Infrastructure;

/// <summary>One Api instance on real sockets with its own settings; tests that restart the service use several.</summary>
public sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<ApiAssembly::Program> _factory;
    private readonly GrpcChannel _channel;

    private ApiHost(WebApplicationFactory<ApiAssembly::Program> factory, GrpcChannel channel)
    {
        _factory = factory;
        _channel = channel;
        Client = new TestDataService.TestDataServiceClient(channel);
    }

    public TestDataService.TestDataServiceClient Client { get; }

    public static ApiHost Start(IReadOnlyDictionary<string, string> settings)
    {
        var grpcPort = FreePort.Next();
        var factory = new WebApplicationFactory<ApiAssembly::Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("GRPC_PORT", grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("HTTP_PORT", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });
        factory.UseKestrel();
        factory.StartServer();
        return new ApiHost(factory, GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}"));
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _factory.DisposeAsync();
    }
}
