using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TestDataAgent.Api.Health;
using TestDataAgent.Api.Services;

namespace TestDataAgent.Api.Composition;

public static class ServiceHealthExtensions
{
    /// <summary>Tag of the health checks that decide readiness; dependencies with fallbacks do not carry it.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Tag of the health checks that probe an outside system; their answers are reused for <c>Health:ProbeCacheSeconds</c>.</summary>
    public const string OutsideSystemTag = "outside";

    /// <summary>
    /// Readiness (the gRPC server accepts requests), <c>grpc.health.v1</c> (SERVING while it can serve; a degraded
    /// dependency has a fallback), the per-component report of <c>HealthCheck</c> and <c>/health/ready</c>, and the
    /// dependency gauges (<c>testdata_llm_circuit_open</c>, <c>testdata_redis_available</c>). Probes of outside systems
    /// (checks tagged <see cref="OutsideSystemTag"/>) are reused for <see cref="HealthProbeOptions.ProbeCacheSeconds"/>, so
    /// health calls never fan out to them.
    /// </summary>
    public static IHostApplicationBuilder AddServiceHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HealthProbeOptions>()
            .BindConfiguration(HealthProbeOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<HealthProbeCache>();
        builder.Services.AddOptions<HealthCheckServiceOptions>().PostConfigure<HealthProbeCache>((options, cache) =>
        {
            foreach (var registration in options.Registrations.Where(r => r.Tags.Contains(OutsideSystemTag)))
            {
                var probe = registration.Factory;
                var name = registration.Name;
                registration.Factory = sp => new CachedHealthCheck(name, probe(sp), cache);
            }
        });
        builder.Services.AddHealthChecks()
            .AddCheck<GrpcServerHealthCheck>(GrpcServerHealthCheck.Name, tags: [ReadyTag]);
        builder.Services.AddGrpcHealthChecks(options =>
        {
            options.Services.Map("", result => result.Tags.Contains(ReadyTag));
            options.Services.Map(TestDataGrpcService.ServiceName, result => result.Tags.Contains(ReadyTag));
        });
        builder.Services.AddSingleton<DependencyHealthReporter>();
        builder.Services.AddSingleton<DependencyMetrics>();
        return builder;
    }

    /// <summary>
    /// The original's HTTP health routes, which probes and the original Docker HEALTHCHECK call:
    /// <c>/health</c> (service identity), <c>/health/live</c>, and <c>/health/ready</c> (503 when it cannot serve).
    /// </summary>
    public static WebApplication MapServiceHealth(this WebApplication app)
    {
        // Its gauges exist once it does.
        app.Services.GetRequiredService<DependencyMetrics>();

        app.MapGet("/health", (IOptions<ServiceInfoOptions> info) => Results.Ok(new
        {
            status = "healthy",
            service = info.Value.ServiceName,
            version = info.Value.Version,
            environment = info.Value.Environment,
        }));

        app.MapGet("/health/live", () => Results.Ok(new { status = "ok" }));

        app.MapGet("/health/ready", async (DependencyHealthReporter reporter, IConfiguration configuration, CancellationToken cancellationToken) =>
        {
            var snapshot = await reporter.CheckAsync(cancellationToken);
            return snapshot.Serving
                ? Results.Ok(new { status = "ready", grpc_port = GrpcPort(configuration), components = snapshot.Components })
                : Results.Json(new { status = "not_ready", reason = "gRPC server not ready", components = snapshot.Components }, statusCode: StatusCodes.Status503ServiceUnavailable);
        });

        return app;
    }

    private static int GrpcPort(IConfiguration configuration) =>
        int.TryParse(configuration["GRPC_PORT"], out var port) ? port : ServicePortsExtensions.DefaultGrpcPort;
}
