using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace TestDataAgent.Api.Composition;

public static class ServicePortsExtensions
{
    /// <summary>The original service's gRPC port (h2c, HTTP/2 only).</summary>
    public const int DefaultGrpcPort = 9091;

    /// <summary>The original service's HTTP port (health, JSON, metrics).</summary>
    public const int DefaultHttpPort = 8091;

    /// <summary>
    /// Listens for gRPC on <c>GRPC_PORT</c> (HTTP/2 only, so plaintext h2c works with prior knowledge) and for HTTP on
    /// <c>HTTP_PORT</c> (HTTP/1.1: JSON, health, metrics), the original's variables and defaults. A <c>Kestrel:Endpoints</c>
    /// configuration section, when present, replaces both.
    /// </summary>
    public static IHostApplicationBuilder AddServicePorts(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            return builder;
        }

        var grpcPort = ReadPort(builder.Configuration, "GRPC_PORT", DefaultGrpcPort);
        var httpPort = ReadPort(builder.Configuration, "HTTP_PORT", DefaultHttpPort);
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.ListenAnyIP(grpcPort, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.ListenAnyIP(httpPort, listen => listen.Protocols = HttpProtocols.Http1);
        });
        return builder;
    }

    private static int ReadPort(IConfiguration configuration, string key, int fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, out var port) && port is >= 0 and <= 65535
            ? port
            : throw new InvalidOperationException($"{key} must be a port number from 0 to 65535, got '{text}'.");
    }
}
