extern alias ApiAssembly;

using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Tests.Infrastructure;

/// <summary>
/// One Api instance on real Kestrel sockets with its own settings, as a client sees it: gRPC (h2c) and HTTP/1.1 on
/// ports the server binds itself (port 0, then its bound addresses), never guessed. The one way the suite starts a host.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<ApiAssembly::Program> _factory;

    // A pattern store directory this host made for itself (none given), removed with it.
    private readonly TempDirectory? _ownDataDirectory;

    private ApiHost(WebApplicationFactory<ApiAssembly::Program> factory, TempDirectory? ownDataDirectory, LogCollector logs)
    {
        _factory = factory;
        _ownDataDirectory = ownDataDirectory;
        Logs = logs;
        (GrpcAddress, HttpAddress) = BoundAddresses(factory.Services);
        Channel = GrpcChannel.ForAddress(GrpcAddress, new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 });
        Client = new TestDataService.TestDataServiceClient(Channel);
        Http = new HttpClient { BaseAddress = HttpAddress, Timeout = Deadlines.Hang };
    }

    public TestDataService.TestDataServiceClient Client { get; }

    public GrpcChannel Channel { get; }

    /// <summary>The gRPC endpoint (HTTP/2 only, plaintext).</summary>
    public Uri GrpcAddress { get; }

    /// <summary>The HTTP/1.1 endpoint (JSON, health, metrics).</summary>
    public Uri HttpAddress { get; }

    /// <summary>A client for <see cref="HttpAddress"/>.</summary>
    public HttpClient Http { get; }

    /// <summary>This host's log messages, and no other host's.</summary>
    public LogCollector Logs { get; }

    /// <summary>The pattern store directory, unless the settings named one.</summary>
    public string? DataDirectory => _ownDataDirectory?.Path;

    public IServiceProvider Services => _factory.Services;

    /// <summary>
    /// Starts an Api with <paramref name="settings"/> over its defaults; never the user's own pattern store.
    /// <paramref name="services"/> adds test services after the Api's own.
    /// </summary>
    public static ApiHost Start(IReadOnlyDictionary<string, string> settings, Action<IServiceCollection>? services = null)
    {
        var ownDataDirectory = settings.ContainsKey("Rag:DataDirectory") ? null : new TempDirectory("tda-rag");
        var logs = new LogCollector();
        var factory = new WebApplicationFactory<ApiAssembly::Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("GRPC_PORT", "0");
            web.UseSetting("HTTP_PORT", "0");
            if (ownDataDirectory is not null)
            {
                web.UseSetting("Rag:DataDirectory", ownDataDirectory.Path);
            }

            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureServices(collection =>
            {
                collection.AddSingleton<ILoggerProvider>(logs);
                services?.Invoke(collection);
            });
        });
        factory.UseKestrel();
        try
        {
            factory.StartServer();
            return new ApiHost(factory, ownDataDirectory, logs);
        }
        catch
        {
            factory.Dispose();
            ownDataDirectory?.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Channel.Dispose();
        await _factory.DisposeAsync();
        _ownDataDirectory?.Dispose();
    }

    // Both ports are 0, so Kestrel picks them when it binds. It reports the bound addresses in the order the endpoints
    // were configured, and AddServicePorts configures gRPC first, then HTTP.
    internal static (Uri Grpc, Uri Http) BoundAddresses(IServiceProvider services)
    {
        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        if (addresses.Count != 2)
        {
            throw new InvalidOperationException($"Expected the gRPC and the HTTP endpoint, Kestrel bound: {string.Join(", ", addresses)}");
        }

        return (Loopback(addresses[0]), Loopback(addresses[1]));
    }

    private static Uri Loopback(string address) => new($"http://127.0.0.1:{new Uri(address).Port}");
}
