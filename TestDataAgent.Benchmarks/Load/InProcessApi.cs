extern alias ApiAssembly;

using ApiAssembly::TestDataAgent.Api.Composition;
using System.Security.Cryptography;
using System.Text;
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

    private InProcessApi(WebApplication app, Uri address, string apiKey)
    {
        _app = app;
        Address = address;
        ApiKey = apiKey;
    }

    public Uri Address { get; }

    /// <summary>A key made for this run: the Api runs as in Production, where no call is served without a credential.</summary>
    public string ApiKey { get; }

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
            // Embedding the RAG seed corpus at start-up would take a core for the first seconds of the measured call.
            ["Rag:SeedOnStartup"] = "false",
            // Per-request Information logs on the console would measure the console, not the service.
            ["Logging:LogLevel:Default"] = logLevel.ToString(),
            ["Logging:LogLevel:Microsoft.AspNetCore"] = LogLevel.Warning.ToString(),
        });
        var apiKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:ApiKeys:load:Hash"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey))),
            ["Auth:ApiKeys:load:Scopes:0"] = "generate",
        });
        builder.Configuration.AddInMemoryCollection(configuration);

        // The areas of the Api's Program.cs, in its order (admin is off without Admin:Token; locales and MCP are not measured).
        builder.AddServiceDefaults();
        builder.AddServicePorts();
        builder.AddServiceInfo();
        builder.AddGeneration();
        builder.AddResponseCache();
        builder.AddLlmProviders();
        builder.AddPatternStore();
        builder.AddServiceHealth();
        builder.AddAdmission();
        builder.AddAccess();
        builder.AddGrpcApi();

        var app = builder.Build();
        app.UseAccess();
        app.MapDefaultEndpoints();
        app.MapServiceHealth();
        app.MapGrpcApi();
        await app.StartAsync(cancellationToken);

        // Port 0 was bound to a free port; Kestrel reports the real one.
        var address = app.Urls.Single();
        return new InProcessApi(app, new Uri(address), apiKey);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
