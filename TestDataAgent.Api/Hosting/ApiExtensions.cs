using OpenTelemetry.Metrics;
using TestDataAgent.Api.Health;
using TestDataAgent.Api.Hosting;
using TestDataAgent.Api.Services;
using TestDataAgent.Generators;
using TestDataAgent.Generators.Caching;
using TestDataAgent.Generators.Observability;

namespace Microsoft.Extensions.Hosting;

public static class ApiExtensions
{
    /// <summary>Message limit for requests and responses: above the original's 50 MiB, so nothing it accepted is refused.</summary>
    public const int MaxMessageBytes = 64 * 1024 * 1024;

    /// <summary>Tag of the health checks that decide readiness; dependencies with fallbacks do not carry it.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Adds gRPC (with reflection, health and JSON transcoding), the generation pipeline and its options.</summary>
    public static IHostApplicationBuilder AddTestDataAgentApi(this IHostApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            // Structured JSON outside Development, with scopes (request_id) on every line.
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            });
        }

        builder.Services.AddOptions<GenerationOptions>()
            .BindConfiguration(GenerationOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
            {
                // The original's environment variable still works.
                if (int.TryParse(configuration["MAX_SYNC_RECORDS"], out var maxSync))
                {
                    options.MaxSyncRecords = maxSync;
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddOptions<CacheOptions>()
            .BindConfiguration(CacheOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
            {
                // The original's environment variable still works.
                if (int.TryParse(configuration["CACHE_TTL_SECONDS"], out var ttl))
                {
                    options.TtlSeconds = ttl;
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddOptions<TestDataAgent.Generators.Hybrid.HybridOptions>()
            .BindConfiguration(TestDataAgent.Generators.Hybrid.HybridOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddOptions<PoolOptions>()
            .BindConfiguration(PoolOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddOptions<ServiceInfoOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                options.ServiceName = configuration["SERVICE_NAME"] ?? options.ServiceName;
                options.Environment = configuration["ENVIRONMENT"] ?? builder.Environment.EnvironmentName.ToLowerInvariant();
            });

        builder.Services.AddTestDataGenerators(builder.Configuration["Schemas:Directory"]);

        builder.Services
            .AddGrpc(options =>
            {
                options.MaxReceiveMessageSize = MaxMessageBytes;
                options.MaxSendMessageSize = MaxMessageBytes;
                options.EnableDetailedErrors = builder.Environment.IsDevelopment();
            })
            .AddJsonTranscoding();
        builder.Services.AddGrpcReflection();

        // The original's metric names, also as Prometheus text at GET /metrics on the HTTP port.
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(TestDataMetrics.MeterName)
            .AddPrometheusExporter());

        builder.Services.AddHealthChecks()
            .AddCheck<GrpcServerHealthCheck>(GrpcServerHealthCheck.Name, tags: [ReadyTag]);
        builder.Services.AddGrpcHealthChecks(options =>
        {
            // grpc.health.v1 reports SERVING while the service can serve; a degraded dependency has a fallback.
            options.Services.Map("", result => result.Tags.Contains(ReadyTag));
            options.Services.Map(TestDataGrpcService.ServiceName, result => result.Tags.Contains(ReadyTag));
        });
        builder.Services.AddSingleton<DependencyHealthReporter>();
        return builder;
    }

    /// <summary>Maps the gRPC service, reflection and grpc.health.v1.</summary>
    public static WebApplication MapTestDataAgentGrpc(this WebApplication app)
    {
        app.MapGrpcService<TestDataGrpcService>();
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
