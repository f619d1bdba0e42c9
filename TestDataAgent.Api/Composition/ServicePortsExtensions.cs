using System.Net;
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
    /// configuration section, when present, replaces both. The address is <c>BIND_ADDRESS</c> when set; otherwise every
    /// interface inside a container (<c>DOTNET_RUNNING_IN_CONTAINER</c>, as .NET's images set it: the pod or the container
    /// network is the boundary) and the loopback interface everywhere else, so a laptop never serves its network by accident.
    /// </summary>
    public static IHostApplicationBuilder AddServicePorts(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            return builder;
        }

        var grpcPort = ReadPort(builder.Configuration, "GRPC_PORT", DefaultGrpcPort);
        var httpPort = ReadPort(builder.Configuration, "HTTP_PORT", DefaultHttpPort);
        var address = BindAddress(builder.Configuration);
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            Listen(kestrel, address, grpcPort, HttpProtocols.Http2);
            Listen(kestrel, address, httpPort, HttpProtocols.Http1);
        });
        return builder;
    }

    private static IPAddress BindAddress(IConfiguration configuration)
    {
        var text = configuration["BIND_ADDRESS"];
        if (!string.IsNullOrWhiteSpace(text))
        {
            return IPAddress.TryParse(text, out var address)
                ? address
                : throw new InvalidOperationException($"BIND_ADDRESS must be an IP address (0.0.0.0 for every interface), got '{text}'.");
        }

        return configuration.GetValue<bool>("DOTNET_RUNNING_IN_CONTAINER") ? IPAddress.Any : IPAddress.Loopback;
    }

    private static void Listen(KestrelServerOptions kestrel, IPAddress address, int port, HttpProtocols protocols)
    {
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            // IPv6 and IPv4 both, where the machine has IPv6.
            kestrel.ListenAnyIP(port, listen => listen.Protocols = protocols);
        }
        else
        {
            kestrel.Listen(address, port, listen => listen.Protocols = protocols);
        }
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
