extern alias ApiAssembly;

using ApiAssembly::TestDataAgent.Api.Composition;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TestDataAgent.Benchmarks.Load;

/// <summary>
/// The real Api, composed by the same areas as its Program.cs, on Kestrel in this process: gRPC (h2c) on a
/// free loopback port, no Redis. Only loopback: the endpoint replaces the Api's all-interfaces ports.
/// </summary>
internal sealed class InProcessApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessApi(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<InProcessApi> StartAsync(LogLevel logLevel, IReadOnlyDictionary<string, string?> configuration, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = "TestDataAgent.Api",
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // A Kestrel:Endpoints section replaces GRPC_PORT/HTTP_PORT (which listen on every interface).
            ["Kestrel:Endpoints:grpc:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:grpc:Protocols"] = "Http2",
            ["ConnectionStrings:redis"] = "",
            // Per-request Information logs on the console would measure the console, not the service.
            ["Logging:LogLevel:Default"] = logLevel.ToString(),
            ["Logging:LogLevel:Microsoft.AspNetCore"] = LogLevel.Warning.ToString(),
        });
        builder.Configuration.AddInMemoryCollection(configuration);

        // The areas of the Api's Program.cs, in its order (admin is off without Admin:Token).
        builder.AddServiceDefaults();
        builder.AddServicePorts();
        builder.AddServiceInfo();
        builder.AddGeneration();
        builder.AddResponseCache();
        builder.AddLlmProviders();
        builder.AddPatternStore();
        builder.AddServiceHealth();
        builder.AddAdmission();
        builder.AddGrpcApi();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapServiceHealth();
        app.MapGrpcApi();
        await app.StartAsync(cancellationToken);

        // Port 0 was bound to a free port; Kestrel reports the real one.
        var address = app.Urls.Single();
        return new InProcessApi(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
