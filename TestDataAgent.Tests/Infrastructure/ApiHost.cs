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

    private ApiHost(WebApplicationFactory<ApiAssembly::Program> factory, GrpcChannel channel, int httpPort)
    {
        _factory = factory;
        _channel = channel;
        Client = new TestDataService.TestDataServiceClient(channel);
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public TestDataService.TestDataServiceClient Client { get; }

    /// <summary>The HTTP port: JSON, health and metrics.</summary>
    public HttpClient Http { get; }

    public IServiceProvider Services => _factory.Services;

    public static ApiHost Start(IReadOnlyDictionary<string, string> settings)
    {
        var grpcPort = FreePort.Next();
        var httpPort = FreePort.Next();
        var factory = new WebApplicationFactory<ApiAssembly::Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("GRPC_PORT", grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("HTTP_PORT", httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });
        factory.UseKestrel();
        factory.StartServer();
        return new ApiHost(factory, GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}"), httpPort);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        _channel.Dispose();
        await _factory.DisposeAsync();
    }
}
