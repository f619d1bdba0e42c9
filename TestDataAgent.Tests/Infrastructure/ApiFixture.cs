extern alias ApiAssembly;

using Grpc.Net.Client;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Tests.Infrastructure;

/// <summary>
/// The Api on real Kestrel sockets: gRPC (h2c) and HTTP on free loopback ports, as a client sees them, with no Redis.
/// The gRPC client is generated from the wire contract alone.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private WebApplicationFactory<ApiAssembly::Program>? _factory;

    public int GrpcPort { get; } = FreePort.Next();

    public int HttpPort { get; } = FreePort.Next();

    public LogCollector Logs { get; } = new();

    /// <summary>The embedded pattern store's directory, removed with the fixture.</summary>
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"tda-rag-{Guid.NewGuid():N}");

    public GrpcChannel Channel { get; private set; } = null!;

    public TestDataService.TestDataServiceClient Client { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<ApiAssembly::Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("GRPC_PORT", GrpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("HTTP_PORT", HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("ConnectionStrings:redis", "");
            web.UseSetting("Rag:DataDirectory", DataDirectory);
            web.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(Logs));
        });
        _factory.UseKestrel();
        _factory.StartServer();

        Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{GrpcPort}", new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 });
        Client = new TestDataService.TestDataServiceClient(Channel);
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}"), Timeout = TimeSpan.FromSeconds(60) };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        Channel.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiGroup : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
