using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace TestDataAgent.Tests.Unit;

/// <summary>
/// Tracing costs nothing when nothing takes the spans: without an OTLP endpoint (and without <c>Telemetry:Traces</c>)
/// the service defaults register no tracer provider, so no span is made per request; metrics stay for <c>/metrics</c>,
/// and ASP.NET Core's per-request histograms are recorded only when exported (or <c>Telemetry:RequestMetrics</c>).
/// </summary>
public sealed class TelemetryDefaultsTests
{
    [Theory]
    [InlineData(null, null, false)]
    [InlineData("http://127.0.0.1:4317", null, true)]
    [InlineData(null, "true", true)]
    public void TracesAreMadeOnlyWhenExportedOrAskedFor(string? otlpEndpoint, string? traces, bool expectTracer)
    {
        using var host = Build(otlpEndpoint, "Telemetry:Traces", traces).Build();

        Assert.Equal(expectTracer, host.Services.GetService<TracerProvider>() is not null);
        Assert.NotNull(host.Services.GetService<MeterProvider>());
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("http://127.0.0.1:4317", null, true)]
    [InlineData(null, "true", true)]
    public void RequestDurationsAreRecordedOnlyWhenExportedOrAskedFor(string? otlpEndpoint, string? requestMetrics, bool expectRecorded)
    {
        var builder = Build(otlpEndpoint, "Telemetry:RequestMetrics", requestMetrics);
        // A reader, as the service's Prometheus scrape is: without one no instrument is enabled whatever the defaults say.
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddInMemoryExporter(new List<Metric>()));
        using var host = builder.Build();
        _ = host.Services.GetRequiredService<MeterProvider>();

        // ASP.NET Core records http.server.request.duration only while a listener (here: the meter provider) enables it.
        using var meter = new System.Diagnostics.Metrics.Meter("Microsoft.AspNetCore.Hosting");
        var duration = meter.CreateHistogram<double>("http.server.request.duration");
        Assert.Equal(expectRecorded, duration.Enabled);
    }

    // A production host with the service defaults' OpenTelemetry, given an OTLP endpoint and one telemetry setting.
    private static HostApplicationBuilder Build(string? otlpEndpoint, string setting, string? value)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint,
            [setting] = value,
        });
        builder.ConfigureOpenTelemetry();
        return builder;
    }
}
