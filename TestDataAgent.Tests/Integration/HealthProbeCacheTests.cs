using TestDataAgent.Tests.StandIns;

namespace TestDataAgent.Tests.Integration;

/// <summary>Health calls never fan out to the outside systems: a probe's answer is reused for <c>Health:ProbeCacheSeconds</c>.</summary>
public sealed class HealthProbeCacheTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task FiftyHealthCallsCostEachProviderAtMostOneProbe()
    {
        await using var claude = await LlmStandIn.StartAsync();
        await using var vllm = await LlmStandIn.StartAsync();
        await using var api = LlmTestHost.StartApi(new Dictionary<string, string> { ["Health:ProbeCacheSeconds"] = "300" }, ("claude", claude), ("vllm", vllm));
        using var http = new HttpClient { BaseAddress = api.HttpAddress, Timeout = s_timeout };
        var before = (claude.ModelListCalls, vllm.ModelListCalls);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => http.GetStringAsync(new Uri("/v1/health", UriKind.Relative))));

        Assert.All(answers, a => Assert.Contains("\"llm_claude\":\"healthy\"", a, StringComparison.Ordinal));
        Assert.All(answers, a => Assert.Contains("\"llm_vllm\":\"healthy\"", a, StringComparison.Ordinal));
        Assert.InRange(claude.ModelListCalls - before.Item1, 0, 1);
        Assert.InRange(vllm.ModelListCalls - before.Item2, 0, 1);
        Assert.True(claude.ModelListCalls >= 1 && vllm.ModelListCalls >= 1, "the providers were never probed");
    }

    [Fact]
    public async Task AProbeOlderThanTheSettingIsMadeAgain()
    {
        await using var claude = await LlmStandIn.StartAsync();
        await using var api = LlmTestHost.StartApi(new Dictionary<string, string> { ["Health:ProbeCacheSeconds"] = "1" }, ("claude", claude));
        using var http = new HttpClient { BaseAddress = api.HttpAddress, Timeout = s_timeout };

        await http.GetStringAsync(new Uri("/v1/health", UriKind.Relative));
        var first = claude.ModelListCalls;
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await http.GetStringAsync(new Uri("/v1/health", UriKind.Relative));

        Assert.True(claude.ModelListCalls > first, $"no new probe after the cached one expired ({claude.ModelListCalls} probe(s))");
    }
}
