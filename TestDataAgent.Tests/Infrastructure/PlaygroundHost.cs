extern alias PlaygroundAssembly;

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace TestDataAgent.Tests.Infrastructure;

/// <summary>
/// The playground (TestDataAgent.Web) on real Kestrel sockets (port 0, then its bound address), finding the api as it
/// does under the AppHost: by service discovery, from <c>services:api:grpc:0</c>.
/// </summary>
public sealed class PlaygroundHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<PlaygroundAssembly::Program> _factory;

    private PlaygroundHost(WebApplicationFactory<PlaygroundAssembly::Program> factory)
    {
        _factory = factory;
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.Single()
            ?? throw new InvalidOperationException("Kestrel reported no address for the playground.");
        Address = new Uri($"http://127.0.0.1:{new Uri(address).Port}/");
    }

    /// <summary>The playground's root page.</summary>
    public Uri Address { get; }

    public static PlaygroundHost Start(Uri apiGrpcAddress, IReadOnlyDictionary<string, string>? settings = null)
    {
        var factory = new WebApplicationFactory<PlaygroundAssembly::Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("urls", "http://127.0.0.1:0");
            web.UseSetting($"services:{ResourceNames.Api}:{ResourceNames.GrpcEndpoint}:0", apiGrpcAddress.ToString());
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                web.UseSetting(key, value);
            }
        });
        factory.UseKestrel();
        try
        {
            factory.StartServer();
            return new PlaygroundHost(factory);
        }
        catch
        {
            factory.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}
