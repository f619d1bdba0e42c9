using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

// Adds common Aspire services: service discovery, resilience, health checks, and OpenTelemetry.
// This project should be referenced by each service project in your solution.
// Deliberate edits to the Aspire template are marked "Edit:".
public static class Extensions
{
    private const string AlivenessEndpointPath = "/alive";
    private const string TracesSetting = "Telemetry:Traces";
    private const string RequestMetricsSetting = "Telemetry:RequestMetrics";
    private const string HealthEndpointPath = "/health";

    /// <summary>Adds OpenTelemetry, default health checks, service discovery and resilient HTTP clients.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();

        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();

        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // Turn on resilience by default
            http.AddStandardResilienceHandler();

            // Turn on service discovery by default
            http.AddServiceDiscovery();
        });

        return builder;
    }

    /// <summary>
    /// The service's metrics always (the Prometheus scrape reads them); logs and traces over OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Traces (<c>Telemetry:Traces</c>) and ASP.NET Core's and HttpClient's
    /// request metrics (<c>Telemetry:RequestMetrics</c>) are made only when something takes them: by default, when the
    /// OTLP endpoint is set. With no exporter, a span and a histogram point per request would be built and thrown away.
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var useOtlpExporter = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (useOtlpExporter)
        {
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
            });
        }

        var requestMetrics = bool.TryParse(builder.Configuration[RequestMetricsSetting], out var measured) ? measured : useOtlpExporter;
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics =>
            {
                // Edit: the service's own meter (testdata_* metrics), exported over OTLP to the dashboard.
                metrics.AddMeter("TestDataAgent")
                    .AddRuntimeInstrumentation();
                // Edit: ASP.NET Core's and HttpClient's per-request histograms only where they are read (the dashboard):
                // /metrics serves the original's testdata_* names, and recording a request's duration has a cost.
                if (requestMetrics)
                {
                    metrics.AddAspNetCoreInstrumentation()
                        .AddHttpClientInstrumentation();
                }
            });

        if (bool.TryParse(builder.Configuration[TracesSetting], out var traces) ? traces : useOtlpExporter)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(builder.Environment.ApplicationName)
                    // Edit: the service's own spans (request, validate, route, generate).
                    .AddSource("TestDataAgent")
                    .AddAspNetCoreInstrumentation(aspNetCore =>
                        // Edit: health probes (the HTTP routes, the gRPC health service and testdata.v1's own
                        // HealthCheck, which the original's clients poll) would fill the dashboard with noise.
                        aspNetCore.Filter = context =>
                            !(context.Request.Path.StartsWithSegments(HealthEndpointPath)
                              || context.Request.Path.StartsWithSegments(AlivenessEndpointPath)
                              || context.Request.Path.StartsWithSegments("/grpc.health.v1.Health")
                              || context.Request.Path.StartsWithSegments("/testdata.v1.TestDataService/HealthCheck")
                              || context.Request.Path.StartsWithSegments("/v1/health")))
                    // Edit: gRPC client instrumentation, for the gRPC calls our services and tests make.
                    .AddGrpcClientInstrumentation()
                    .AddHttpClientInstrumentation();
            });
        }

        if (useOtlpExporter)
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Adds the "self" liveness check that <c>/alive</c> reports.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            // Add a default liveness check to ensure app is responsive
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);

        // Edit: health checks make no spans (their Redis PINGs and HTTP probes would each be a root trace on the dashboard).
        // PostConfigure, so it wraps the checks the service registers after this too.
        builder.Services.AddOptions<HealthCheckServiceOptions>().PostConfigure(options =>
        {
            foreach (var registration in options.Registrations)
            {
                var check = registration.Factory;
                registration.Factory = services => new UntracedHealthCheck(check(services));
            }
        });

        return builder;
    }

    /// <summary>
    /// Maps <c>/alive</c> (liveness). Edit: in every environment, not only Development, because Kubernetes probes
    /// use it and it reveals nothing; and <c>/health</c> is left to the service, which answers there with the original
    /// service's body that existing probes and clients read.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains("live"),
        });

        return app;
    }
}
