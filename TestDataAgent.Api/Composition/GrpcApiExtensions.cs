using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using TestDataAgent.Api.Access;
using TestDataAgent.Api.Limits;
using TestDataAgent.Api.Services;
using TestDataAgent.Generators;
using TestDataAgent.Generators.Observability;

namespace TestDataAgent.Api.Composition;

public static class GrpcApiExtensions
{
    /// <summary>The 5-byte gRPC message prefix (compressed flag, length): a request body may be this much over the message limit.</summary>
    private const int GrpcFrameHeaderBytes = 5;

    /// <summary>
    /// The transport: <c>testdata.v1</c> over gRPC with JSON transcoding, server reflection, and the original's metric names
    /// as Prometheus text at <c>GET /metrics</c> on the HTTP port. <see cref="TransportOptions"/> (<c>Transport</c>,
    /// validated at start) sets one maximum message size for gRPC both ways and for Kestrel's request body, and the
    /// stalled-reader timeout of streams. Interceptors, outermost first: the caller's daily quotas, admission control, then the
    /// stalled-reader guard.
    /// </summary>
    public static IHostApplicationBuilder AddGrpcApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TransportOptions>()
            .BindConfiguration(TransportOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate<IOptions<GenerationOptions>>(
                (transport, generation) => generation.Value.MaxUnaryResponseBytes < transport.MaxMessageBytes,
                "Generation:MaxUnaryResponseBytes must be less than Transport:MaxMessageBytes: a unary answer travels in one message")
            .ValidateOnStart();
        builder.Services.AddSingleton<StalledReaderInterceptor>();
        builder.Services
            .AddGrpc(options =>
            {
                options.EnableDetailedErrors = builder.Environment.IsDevelopment();
                options.Interceptors.Add<CallerQuotaInterceptor>();
                options.Interceptors.Add<AdmissionInterceptor>();
                options.Interceptors.Add<StalledReaderInterceptor>();
            })
            .AddJsonTranscoding();
        builder.Services.AddOptions<GrpcServiceOptions>().Configure<IOptions<TransportOptions>>((grpc, transport) =>
        {
            grpc.MaxReceiveMessageSize = transport.Value.MaxMessageBytes;
            grpc.MaxSendMessageSize = transport.Value.MaxMessageBytes;
        });
        // Kestrel's own default (30,000,000 bytes) would cut a gRPC message short of the limit and end the call UNKNOWN;
        // at the limit plus the frame prefix, gRPC's check (RESOURCE_EXHAUSTED) comes first, and JSON bodies get 413.
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<TransportOptions>>((kestrel, transport) =>
            kestrel.Limits.MaxRequestBodySize = transport.Value.MaxMessageBytes + GrpcFrameHeaderBytes);
        builder.Services.AddGrpcReflection();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(TestDataMetrics.MeterName)
            .AddPrometheusExporter());
        return builder;
    }

    /// <summary>
    /// Maps the gRPC service (and its JSON routes) with the scope each method needs, reflection (Development, or
    /// <c>Grpc:EnableReflection</c>), grpc.health.v1 and <c>/metrics</c> (open unless <c>Auth:MetricsRequireCredential</c>),
    /// behind the check that answers 413 to a JSON body over <c>Transport:MaxMessageBytes</c> before it is read.
    /// </summary>
    public static WebApplication MapGrpcApi(this WebApplication app)
    {
        app.UseMiddleware<MessageSizeMiddleware>();
        var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        app.MapGrpcService<TestDataGrpcService>().RequireCallerAccess(rateLimited: auth.LimitsRequestRate);
        // Reflection lists every method to anyone who asks: on in Development, elsewhere only when Grpc:EnableReflection.
        if (app.Configuration.GetValue<bool?>("Grpc:EnableReflection") ?? app.Environment.IsDevelopment())
        {
            app.MapGrpcReflectionService();
        }

        app.MapGrpcHealthChecksService();
        var metrics = app.MapPrometheusScrapingEndpoint("/metrics");
        if (auth.MetricsRequireCredential)
        {
            metrics.RequireAuthorization(ScopeRequirement.PolicyName(Scopes.Admin));
        }

        return app;
    }
}
