using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

[Collection(ApiGroup.Name)]
public sealed class MetricsTests(ApiFixture api)
{
    [Fact]
    public async Task TheOriginalsMetricsMoveForUnaryAndStreamedRequests()
    {
        await api.Client.GenerateDataAsync(new GenerateRequest { Domain = "ecommerce", Entity = "cart", Count = 7 }, deadline: Deadline());
        await api.Client.GenerateDataAsync(new GenerateRequest { Domain = "ecommerce", Entity = "cart", Count = 0 }, deadline: Deadline());
        await api.Client.GenerateDataAsync(new GenerateRequest { Domain = "ecommerce", Entity = "review", Count = 2 }, deadline: Deadline());
        var cached = new GenerateRequest { Entity = "user", Count = 2, Seed = 4242, UseCache = true };
        await api.Client.GenerateDataAsync(cached, deadline: Deadline());
        await api.Client.GenerateDataAsync(cached, deadline: Deadline());
        using (var call = api.Client.GenerateDataStream(new GenerateRequest { Domain = "ecommerce", Entity = "coupon", Count = 1200 }, deadline: Deadline()))
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        }

        string[] expected =
        [
            "testdata_requests_total{", "status=\"success\"", "status=\"error\"", "entity=\"cart\"", "entity=\"coupon\"", "path=\"traditional\"", "domain=\"ecommerce\"",
            "testdata_generation_duration_seconds_bucket{", "testdata_records_generated_total{", "testdata_coherence_score_bucket{",
            "testdata_fallbacks_total{", "from=\"llm\"", "testdata_cache_hits_total", "testdata_cache_misses_total",
        ];
        var text = "";
        for (var attempt = 0; attempt < 50 && !expected.All(e => text.Contains(e, StringComparison.Ordinal)); attempt++)
        {
            await Task.Delay(100);
            text = await api.Http.GetStringAsync("/metrics");
        }

        Assert.All(expected, e => Assert.Contains(e, text, StringComparison.Ordinal));
        Assert.Matches("testdata_records_generated_total\\{[^}]*entity=\"coupon\"[^}]*\\} 1200", text);
    }

    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(30);
}
