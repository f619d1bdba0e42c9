using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TestDataAgent.Benchmarks.Load.Echo;

namespace TestDataAgent.Benchmarks.Load;

/// <summary>
/// A bare Grpc.AspNetCore unary service in this process, on a free loopback port (h2c): no middleware, no telemetry, no
/// work; every call gets the same pre-built reply. Its req/s is the transport's ceiling for a call of that size on this
/// machine, the figure the Api's own req/s is a share of.
/// </summary>
internal sealed class EchoServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<EchoServer> StartAsync(int replyBytes, int maxMessageBytes, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols = HttpProtocols.Http2));
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc(grpc => grpc.MaxSendMessageSize = maxMessageBytes);
        builder.Services.AddSingleton(new EchoReply { Payload = ByteString.CopyFrom(new byte[PayloadFor(replyBytes)]) });
        var app = builder.Build();
        app.MapGrpcService<Responder>();
        await app.StartAsync(cancellationToken);
        return new EchoServer(app, new Uri(app.Urls.Single()));
    }

    /// <summary>The payload length that makes a one-field message exactly <paramref name="messageBytes"/> long (or as close as a length prefix allows).</summary>
    public static int PayloadFor(int messageBytes)
    {
        var payload = Math.Max(0, messageBytes - 1);
        while (payload > 0 && 1 + CodedOutputStream.ComputeLengthSize(payload) + payload > messageBytes)
        {
            payload--;
        }

        return payload;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class Responder(EchoReply reply) : EchoService.EchoServiceBase
    {
        public override Task<EchoReply> Echo(EchoRequest request, ServerCallContext context) => Task.FromResult(reply);
    }
}
