using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Generators.Observability;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

/// <summary>
/// The original's metrics, counted exactly: in process, by collectors bound to the shared host's meter factory and
/// created just before the calls (so they count this test's requests only); as Prometheus text, from an Api in a process
/// of its own (OpenTelemetry listens to meters by name, so every host in the test process would add to it).
/// </summary>
[Collection(ApiGroup.Name)]
public sealed partial class MetricsTests(ApiFixture api)
{
    [Fact]
    public async Task TheOriginalsMetricsCountExactlyTheRequestsMade()
    {
        var meters = api.Services.GetRequiredService<IMeterFactory>();
        using var requests = new MetricCollector<long>(meters, TestDataMetrics.MeterName, "testdata_requests");
        using var records = new MetricCollector<long>(meters, TestDataMetrics.MeterName, "testdata_records_generated");
        using var hits = new MetricCollector<long>(meters, TestDataMetrics.MeterName, "testdata_cache_hits");
        using var misses = new MetricCollector<long>(meters, TestDataMetrics.MeterName, "testdata_cache_misses");
        using var fallbacks = new MetricCollector<long>(meters, TestDataMetrics.MeterName, "testdata_fallbacks");

        await api.Client.GenerateDataAsync(new GenerateRequest { Domain = "ecommerce", Entity = "cart", Count = 7 }, deadline: Deadlines.Call());
        await api.Client.GenerateDataAsync(new GenerateRequest { Domain = "ecommerce", Entity = "cart", Count = 0 }, deadline: Deadlines.Call());
        await api.Client.GenerateDataAsync(new GenerateRequest { Domain = "ecommerce", Entity = "review", Count = 2 }, deadline: Deadlines.Call());
        var cached = new GenerateRequest { Entity = "user", Count = 2, Seed = 4242, UseCache = true };
        await api.Client.GenerateDataAsync(cached, deadline: Deadlines.Call());
        await api.Client.GenerateDataAsync(cached, deadline: Deadlines.Call());
        await DrainAsync(api.Client, new GenerateRequest { Domain = "ecommerce", Entity = "coupon", Count = 1200 });
        // The stream's metrics are written after its final chunk reaches the client: wait for them, bounded.
        Assert.True(await EventuallyAsync(() => Sum(records, ("entity", "coupon")) >= 1200), "the stream's records were never counted");

        Assert.Equal(7, Sum(records, ("entity", "cart")));
        Assert.Equal(2, Sum(records, ("entity", "review")));
        Assert.Equal(1200, Sum(records, ("entity", "coupon")));
        Assert.Equal(1, Sum(requests, ("entity", "cart"), ("status", "success")));
        Assert.Equal(1, Sum(requests, ("entity", "cart"), ("status", "error")));
        Assert.Equal(1, Sum(requests, ("entity", "coupon"), ("status", "success"), ("path", "traditional")));
        // The review request was routed to the LLM, which is not configured here.
        Assert.Equal(1, Sum(fallbacks, ("from", "llm")));
        Assert.Equal(1, Sum(hits));
        Assert.Equal(1, Sum(misses));
    }

    [Fact]
    public async Task PrometheusExportsExactlyTheRequestsMadeUnderTheOriginalsNames()
    {
        // A process of its own: every host in the test process shares the meters OpenTelemetry listens to, by name.
        using var directory = new TempDirectory("tda-metrics");
        await using var service = await ApiProcess.StartAsync(new Dictionary<string, string> { ["Rag__DataDirectory"] = directory.Path, ["Rag__SeedOnStartup"] = "false" });

        await service.Client.GenerateDataAsync(new GenerateRequest { Domain = "ecommerce", Entity = "cart", Count = 7 }, deadline: Deadlines.Call());
        await service.Client.GenerateDataAsync(new GenerateRequest { Domain = "ecommerce", Entity = "review", Count = 2 }, deadline: Deadlines.Call());
        var cached = new GenerateRequest { Entity = "user", Count = 2, Seed = 4343, UseCache = true };
        await service.Client.GenerateDataAsync(cached, deadline: Deadlines.Call());
        await service.Client.GenerateDataAsync(cached, deadline: Deadlines.Call());
        await DrainAsync(service.Client, new GenerateRequest { Domain = "ecommerce", Entity = "coupon", Count = 600 });

        string[] expected =
        [
            "testdata_requests_total{", "status=\"success\"", "entity=\"coupon\"", "path=\"traditional\"", "domain=\"ecommerce\"",
            "testdata_generation_duration_seconds_bucket{", "testdata_records_generated_total{", "testdata_coherence_score_bucket{",
            "testdata_fallbacks_total{", "from=\"llm\"", "testdata_cache_hits_total", "testdata_cache_misses_total",
        ];
        var text = "";
        // The stream's metrics are written after its final chunk reaches the client: wait for them, bounded.
        Assert.True(await EventuallyAsync(async () =>
        {
            text = await service.Http.GetStringAsync("/metrics");
            return Series(text, "testdata_records_generated_total", "coupon") > 0;
        }), "the stream's records were never exported");

        Assert.All(expected, e => Assert.Contains(e, text, StringComparison.Ordinal));
        Assert.Equal(600, Series(text, "testdata_records_generated_total", "coupon"));
        Assert.Equal(7, Series(text, "testdata_records_generated_total", "cart"));
        Assert.Equal(1, Series(text, "testdata_cache_hits_total", entity: null));
    }

    private static async Task DrainAsync(TestDataService.TestDataServiceClient client, GenerateRequest request)
    {
        using var call = client.GenerateDataStream(request, deadline: Deadlines.Call());
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
        }
    }

    private static long Sum(MetricCollector<long> collector, params (string Key, string Value)[] tags) =>
        collector.GetMeasurementSnapshot()
            .Where(m => tags.All(t => m.Tags.TryGetValue(t.Key, out var value) && Equals(value, t.Value)))
            .Sum(m => m.Value);

    // The sum of a metric's series in Prometheus text, for one entity or for all.
    private static long Series(string exposition, string metric, string? entity) =>
        exposition.Split('\n')
            .Where(line => line.StartsWith(metric, StringComparison.Ordinal) && (entity is null || line.Contains($"entity=\"{entity}\"", StringComparison.Ordinal)))
            .Sum(line => long.Parse(SampleValue().Match(line).Groups[1].ValueSpan, CultureInfo.InvariantCulture));

    private static Task<bool> EventuallyAsync(Func<bool> condition) => EventuallyAsync(() => Task.FromResult(condition()));

    // True once the condition holds; false if it still does not after the hang bound.
    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Deadlines.Hang;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    [GeneratedRegex(@"^\S+(?:\{[^}]*\})? (\d+)")]
    private static partial Regex SampleValue();
}
