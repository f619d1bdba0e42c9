using System.Collections.ObjectModel;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Trace;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

/// <summary>
/// What the dashboard's Traces page shows: requests, not health probes. A probe (the 30 s health publisher, the HTTP
/// health routes, grpc.health.v1, testdata.v1's HealthCheck) makes no exported span, not even its Redis PING; a
/// generate call does, with its Redis commands inside its own trace.
/// </summary>
public sealed class HealthProbeTraceTests
{
    private const string RedisSource = "OpenTelemetry.Instrumentation.StackExchangeRedis";

    [Fact]
    public async Task AHealthProbeExportsNoSpanWhileAGenerateCallDoes()
    {
        await using var redis = await RedisServer.StartAsync();
        var exported = new ExportedSpans();
        await using var api = ApiHost.Start(
            new Dictionary<string, string> { ["ConnectionStrings:redis"] = redis.ConnectionString, ["Health:ProbeCacheSeconds"] = "0", ["Telemetry:Traces"] = "true" },
            services => services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(exported)));

        // Every way the checks run: as the health publisher runs them (no request around it), and through the probes' routes.
        // Until Redis answers (the connection is made in the background), so that the probe did PING it.
        var checks = api.Services.GetRequiredService<HealthCheckService>();
        using (var connected = new CancellationTokenSource(Deadlines.Hang))
        {
            while ((await checks.CheckHealthAsync(connected.Token)).Entries[ResourceNames.Redis].Status != HealthStatus.Healthy)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), connected.Token);
            }
        }

        (await api.Http.GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
        (await api.Http.GetAsync(new Uri("/alive", UriKind.Relative))).EnsureSuccessStatusCode();
        await new Grpc.Health.V1.Health.HealthClient(api.Channel).CheckAsync(new Grpc.Health.V1.HealthCheckRequest(), deadline: Deadlines.Call());

        var generated = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "user", Count = 3, Seed = 5, UseCache = true }, deadline: Deadlines.Call());
        Assert.True(generated.Success, generated.Error);

        // The Redis instrumentation exports a command some seconds after it ran, in the order the commands ran: once the
        // generate call's commands are out, a probe's PING (run before them) would be too.
        // Any server span of the call (ASP.NET Core's and gRPC's both carry the method's name; CI once saw two). A server
        // span is exported when the request's pipeline ends, which can be just after the client has its answer.
        using var waited = new CancellationTokenSource(Deadlines.Hang);
        HashSet<ActivityTraceId> generateTraces;
        while ((generateTraces = exported.Snapshot()
            .Where(a => a.Kind == ActivityKind.Server && a.DisplayName.Contains("GenerateData", StringComparison.Ordinal))
            .Select(a => a.TraceId)
            .ToHashSet()).Count == 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), waited.Token);
        }

        while (!exported.Snapshot().Any(a => a.Source.Name == RedisSource && generateTraces.Contains(a.TraceId)))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), waited.Token);
        }

        // testdata.v1's own HealthCheck (the original's clients poll it), then a call whose server span is exported after it.
        await api.Client.HealthCheckAsync(new HealthCheckRequest(), deadline: Deadlines.Call());
        var after = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "user", Count = 1, Seed = 6 }, deadline: Deadlines.Call());
        Assert.True(after.Success, after.Error);
        while (!exported.Snapshot().Any(a => a.Kind == ActivityKind.Server && a.DisplayName.Contains("GenerateData", StringComparison.Ordinal)
            && !generateTraces.Contains(a.TraceId)))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), waited.Token);
        }

        var spans = exported.Snapshot();
        // The health check's command; the cache's own reads and writes (HMGET, HMSET) may run outside the request's trace.
        Assert.Empty(spans.Where(a => a.Source.Name == RedisSource && a.DisplayName == "PING").Select(Describe));
        // Server spans: this process's clients (the test's own calls) are instrumented too.
        Assert.Empty(spans.Where(a => a.Kind == ActivityKind.Server
            && (a.DisplayName.Contains("health", StringComparison.OrdinalIgnoreCase) || a.DisplayName.Contains("alive", StringComparison.Ordinal))).Select(Describe));
    }

    private static string Describe(Activity span) => $"{span.Source.Name} {span.DisplayName} {span.Kind} trace {span.TraceId}";

    /// <summary>The in-memory exporter's list, read while the exporter adds to it.</summary>
    private sealed class ExportedSpans : Collection<Activity>
    {
        private readonly Lock _gate = new();

        public List<Activity> Snapshot()
        {
            lock (_gate)
            {
                return [.. this];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (_gate)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
