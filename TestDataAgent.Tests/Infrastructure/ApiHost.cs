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

    // A pattern store directory this host made for itself (none given), removed with it.
    private readonly string? _ownDataDirectory;

    private ApiHost(WebApplicationFactory<ApiAssembly::Program> factory, GrpcChannel channel, string? ownDataDirectory, int httpPort)
    {
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort}");
        _factory = factory;
        _channel = channel;
        _ownDataDirectory = ownDataDirectory;
        Client = new TestDataService.TestDataServiceClient(channel);
        Http = new HttpClient { BaseAddress = HttpAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public TestDataService.TestDataServiceClient Client { get; }

    /// <summary>The HTTP/1.1 endpoint (JSON, health, metrics).</summary>
    public Uri HttpAddress { get; }

    /// <summary>A client for <see cref="HttpAddress"/>.</summary>
    public HttpClient Http { get; }

    public IServiceProvider Services => _factory.Services;

    public static ApiHost Start(IReadOnlyDictionary<string, string> settings)
    {
        var grpcPort = FreePort.Next();
        var httpPort = FreePort.Next();
        // Never the user's own pattern store: a temporary one unless the test names a directory (to restart on it).
        var ownDataDirectory = settings.ContainsKey("Rag:DataDirectory") ? null : Path.Combine(Path.GetTempPath(), $"tda-rag-{Guid.NewGuid():N}");
        var factory = new WebApplicationFactory<ApiAssembly::Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("GRPC_PORT", grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("HTTP_PORT", httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (ownDataDirectory is not null)
            {
                web.UseSetting("Rag:DataDirectory", ownDataDirectory);
            }

            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });
        factory.UseKestrel();
        factory.StartServer();
        return new ApiHost(factory, GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}"), ownDataDirectory, httpPort);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        _channel.Dispose();
        await _factory.DisposeAsync();
        if (_ownDataDirectory is not null && Directory.Exists(_ownDataDirectory))
        {
            Directory.Delete(_ownDataDirectory, recursive: true);
        }
    }
}
