using System.Net;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;
using TestDataAgent.Tests.StandIns;
using static TestDataAgent.Tests.StandIns.LlmTestHost;

namespace TestDataAgent.Tests.Integration;

/// <summary>
/// Provider faults as they happen on the wire, seen from outside a real api: a 429 that the retries hide still halves
/// a request's calls in flight (through the HTTP handler that observes it), and a circuit that opened after failures
/// closes again once <c>Llm:CircuitBreakSeconds</c> have passed and the provider answers.
/// </summary>
public sealed class LlmResilienceTests
{
    // Longer than the api takes to handle one answer on a loaded machine, so that a batch started beside it is seen.
    private static readonly TimeSpan s_slowAnswer = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task A429HiddenByARetryHalvesTheCallsInFlightUntilTheSlowCallAnswers()
    {
        await using var model = await LlmStandIn.StartAsync();
        await using var api = StartApi(new Dictionary<string, string>
        {
            ["Llm:MaxConcurrency"] = "2",
            ["Llm:BatchSize"] = "5",
            ["Llm:MinBatchSize"] = "5",
            // Longer than the slow answer, which must not time out.
            ["Llm:AttemptTimeoutSeconds"] = "30",
        }, ("claude", model));
        // A first request answered at once, so the one below does not spend the slow call's time compiling the path.
        var warm = await api.Client.GenerateDataAsync(
            new GenerateRequest { Entity = "review", Count = 5, Seed = 70, GenerationMethod = GenerationMethod.Llm }, deadline: Deadlines.Call());
        Assert.True(warm.Success, warm.Error);
        var first = model.Calls.Count;
        // Two calls start together: the first is throttled once (its retry then succeeds at once), the second is slow.
        model.Script = call => (call.Number - first) switch
        {
            0 => StandInReply.Fail(HttpStatusCode.TooManyRequests),
            1 => StandInReply.Json(StandInRecords.Reviews(call.RequestedCount, call.Number)) with { Delay = s_slowAnswer },
            _ => StandInReply.Json(StandInRecords.Reviews(call.RequestedCount, call.Number)),
        };

        var response = await api.Client.GenerateDataAsync(
            new GenerateRequest { Entity = "review", Count = 20, Seed = 71, GenerationMethod = GenerationMethod.Llm }, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        Assert.Equal("llm", response.Metadata.GenerationPath);
        var calls = model.Calls.Skip(first).ToList();
        Assert.True(calls.Count >= 4, string.Join("; ", calls.Select(c => $"#{c.Number - first} {c.RequestedCount} records at {(c.At - calls[0].At).TotalMilliseconds:0} ms")) + $"; {response.RecordCount} records, {string.Join(" | ", response.Metadata.Warnings)}");
        // Call 2 is the retry of the throttled call 0 (both slots were taken, so nothing else could have started).
        Assert.Equal(calls[0].Prompt, calls[2].Prompt);
        // When the retry answered, the 429 halved the limit from 2 to 1 with the slow call still in flight: the next
        // batch waited for the slow call's answer. With the 429 unseen it would start at once, beside the slow call.
        var waited = calls[3].At - calls[1].At;
        Assert.True(waited >= s_slowAnswer - TimeSpan.FromMilliseconds(100), $"the next batch reached the provider {waited.TotalMilliseconds} ms after the slow call, before it answered");
    }

    [Fact]
    public async Task ACircuitOpenedByFailuresClosesAgainAfterTheBreakOnceTheProviderAnswers()
    {
        await using var claude = await LlmStandIn.StartAsync();
        await using var vllm = await LlmStandIn.StartAsync();
        var failing = true;
        claude.Script = call => Volatile.Read(ref failing)
            ? StandInReply.Fail(HttpStatusCode.InternalServerError)
            : StandInReply.Json(StandInRecords.Reviews(call.RequestedCount, call.Number));
        await using var api = StartApi(
            new Dictionary<string, string> { ["Llm:CircuitBreakSeconds"] = "2" },
            ("claude", claude), ("vllm", vllm));

        // One batch: claude's four attempts (Llm:MaxRetries 3) all fail, which opens its circuit; vllm answers.
        var first = await GenerateAsync(api, seed: 1);
        Assert.Equal("vllm/stand-in-model", first.Metadata.LlmModel);
        Assert.Equal(4, claude.Calls.Count);

        // Recovered, but its circuit is open: it is asked again once the break has passed, and then serves. (That an
        // open circuit is skipped meanwhile is LlmFaultTests' claim, shown there with the 30 s default break.)
        Volatile.Write(ref failing, false);
        using var hang = new CancellationTokenSource(Deadlines.Hang);
        GenerateResponse served;
        var seed = 2;
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), hang.Token);
            served = await GenerateAsync(api, seed++);
        }
        while (served.Metadata.LlmModel != "claude/stand-in-model");

        // Claude was asked once more: the trial call that closed its circuit.
        Assert.Equal(5, claude.Calls.Count);
        var vllmCalls = vllm.Calls.Count;
        var next = await GenerateAsync(api, seed);
        Assert.Equal("claude/stand-in-model", next.Metadata.LlmModel);
        Assert.Equal(vllmCalls, vllm.Calls.Count);
    }

    private static async Task<GenerateResponse> GenerateAsync(ApiHost api, int seed)
    {
        var response = await api.Client.GenerateDataAsync(
            new GenerateRequest { Entity = "review", Count = 10, Seed = seed, GenerationMethod = GenerationMethod.Llm }, deadline: Deadlines.Call());
        Assert.True(response.Success, response.Error);
        Assert.Equal("llm", response.Metadata.GenerationPath);
        return response;
    }
}
