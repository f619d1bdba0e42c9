using OpenTelemetry.Metrics;
using TestDataAgent.Api.Limits;
using TestDataAgent.Api.Services;
using TestDataAgent.Generators.Observability;

namespace TestDataAgent.Api.Composition;

public static class GrpcApiExtensions
{
    /// <summary>Message limit for requests and responses: above the original's 50 MiB, so nothing it accepted is refused.</summary>
    public const int MaxMessageBytes = 64 * 1024 * 1024;

    /// <summary>
    /// The transport: <c>testdata.v1</c> over gRPC with JSON transcoding, server reflection, and the original's metric names
    /// as Prometheus text at <c>GET /metrics</c> on the HTTP port. Admission control is the first interceptor.
    /// </summary>
    public static IHostApplicationBuilder AddGrpcApi(this IHostApplicationBuilder builder)
    {
        builder.Services
            .AddGrpc(options =>
            {
                options.MaxReceiveMessageSize = MaxMessageBytes;
                options.MaxSendMessageSize = MaxMessageBytes;
                options.EnableDetailedErrors = builder.Environment.IsDevelopment();
                options.Interceptors.Add<AdmissionInterceptor>();
            })
            .AddJsonTranscoding();
        builder.Services.AddGrpcReflection();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(TestDataMetrics.MeterName)
            .AddPrometheusExporter());
        return builder;
    }

    /// <summary>Maps the gRPC service (and its JSON routes), reflection, grpc.health.v1 and <c>/metrics</c>.</summary>
    public static WebApplication MapGrpcApi(this WebApplication app)
    {
        app.MapGrpcService<TestDataGrpcService>();
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
