using System.Net;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;
using TestDataAgent.Tests.StandIns;
using static TestDataAgent.Tests.StandIns.LlmTestHost;

namespace TestDataAgent.Tests.Integration;

/// <summary>The LLM path when providers fail: retries, Retry-After, hangs, failover, circuit breakers, health, none configured.</summary>
public sealed class LlmFaultTests
{
    [Fact]
    public async Task AFailingProviderFallsOverToTheNextAndThenToTraditional()
    {
        await using var claude = await LlmStandIn.StartAsync();
        await using var vllm = await LlmStandIn.StartAsync();
        claude.Script = _ => StandInReply.Fail(HttpStatusCode.InternalServerError);
        await using var api = StartApi(("claude", claude), ("vllm", vllm));

        var served = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "review", Count = 20, Seed = 1, GenerationMethod = GenerationMethod.Llm }, deadline: Deadlines.Call());

        Assert.True(served.Success, served.Error);
        Assert.Equal("llm", served.Metadata.GenerationPath);
        Assert.Equal("vllm/stand-in-model", served.Metadata.LlmModel);
        Assert.True(claude.Calls.Count >= 2, "claude was retried before the next provider was asked");
        // Two batches of Llm:MinBatchSize (10), each asked of claude first, then of vllm.
        Assert.Equal(2, vllm.Calls.Count);
        // Four failed attempts in a row open claude's circuit; the gauge says so.
        var metrics = await api.Http.GetStringAsync("/metrics");
        Assert.Matches("testdata_llm_circuit_open\\{[^}]*provider=\"claude\"\\} 1", metrics);
        Assert.Matches("testdata_llm_circuit_open\\{[^}]*provider=\"vllm\"\\} 0", metrics);
        // Meters are process-wide, so tests running beside this one may add to the same series.
        Assert.Matches("testdata_llm_tokens_total\\{[^}]*model=\"vllm/stand-in-model\"\\} [1-9][0-9]*", metrics);

        vllm.Script = _ => StandInReply.Fail(HttpStatusCode.ServiceUnavailable);
        var fallback = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "review", Count = 20, Seed = 2, GenerationMethod = GenerationMethod.Llm }, deadline: Deadlines.Call());

        Assert.True(fallback.Success, fallback.Error);
        Assert.Equal(20, fallback.RecordCount);
        Assert.Equal("traditional", fallback.Metadata.GenerationPath);
        Assert.Equal("llm", fallback.Metadata.RequestedPath);
        Assert.Contains(fallback.Metadata.Warnings, w => w.Contains("every provider failed", StringComparison.Ordinal));
        await AssertValidAsync(api, "review", fallback.Data);
    }

    [Fact]
    public async Task A429WithRetryAfterIsHonouredAndTheCallSucceeds()
    {
        await using var model = await LlmStandIn.StartAsync();
        model.Script = call => call.Number == 0 ? StandInReply.Fail(HttpStatusCode.TooManyRequests, retryAfter: 1) : StandInReply.Json(StandInRecords.Reviews(call.RequestedCount, call.Number));
        await using var api = StartApi(("vllm", model));

        var response = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "review", Count = 5, Seed = 9, GenerationMethod = GenerationMethod.Llm }, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        Assert.Equal("llm", response.Metadata.GenerationPath);
        var calls = model.Calls;
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(900), $"retried after {(calls[1].At - calls[0].At).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task AHangingProviderTimesOutAndTheNextOneAnswers()
    {
        await using var ollama = await LlmStandIn.StartAsync();
        await using var claude = await LlmStandIn.StartAsync();
        ollama.Script = _ => StandInReply.Hung();
        await using var api = StartApi(
            new Dictionary<string, string> { ["Llm:Preference:0"] = "ollama", ["Llm:Preference:1"] = "claude", ["Llm:AttemptTimeoutSeconds"] = "1", ["Llm:MaxRetries"] = "0" },
            ("ollama", ollama), ("claude", claude));

        var response = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "review", Count = 3, Seed = 4, GenerationMethod = GenerationMethod.Llm }, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        Assert.Equal("claude/stand-in-model", response.Metadata.LlmModel);
        Assert.Single(ollama.Calls);
    }

    [Fact]
    public async Task HealthNamesEachProvidersState()
    {
        await using var model = await LlmStandIn.StartAsync();
        // Probe on every call: this test watches the state change at once.
        await using var api = StartApi(new Dictionary<string, string> { ["Health:ProbeCacheSeconds"] = "0" }, ("claude", model));

        var health = await api.Client.HealthCheckAsync(new HealthCheckRequest(), deadline: Deadlines.Call());
        Assert.Equal("healthy", health.Components["llm_claude"]);
        Assert.Equal("not_configured", health.Components["llm_vllm"]);
        Assert.Equal("not_configured", health.Components["llm_ollama"]);

        await model.DisposeAsync();
        var down = await api.Client.HealthCheckAsync(new HealthCheckRequest(), deadline: Deadlines.Call());
        Assert.Equal("unavailable", down.Components["llm_claude"]);
        Assert.Equal("healthy", down.Status);
    }

    [Fact]
    public async Task WithoutAProviderTheLlmPathFallsBackAndSaysSo()
    {
        await using var api = StartApi();

        var response = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "review", Count = 5, GenerationMethod = GenerationMethod.Llm }, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        Assert.Equal("traditional", response.Metadata.GenerationPath);
        Assert.Contains(response.Metadata.Warnings, w => w.Contains("no LLM provider configured", StringComparison.Ordinal));
    }
}
