using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;
using TestDataAgent.Tests.StandIns;
using static TestDataAgent.Tests.StandIns.LlmTestHost;

namespace TestDataAgent.Tests.Integration;

/// <summary>
/// How many model calls run at once, counted at the stand-in: the service-wide limit across requests
/// (<c>Llm:MaxConcurrentCalls</c>), and batches sized so a request's calls fit its concurrency in as few rounds as they can.
/// </summary>
public sealed class LlmConcurrencyTests
{
    [Fact]
    public async Task TwoConcurrentRequestsNeverHaveMoreThanMaxConcurrentCallsAtTheProvider()
    {
        await using var model = await LlmStandIn.StartAsync();
        // Slow enough answers that every call a request may start is started before the first one ends.
        model.Script = call => StandInReply.Json(StandInRecords.Reviews(call.RequestedCount, call.Number)) with { Delay = TimeSpan.FromMilliseconds(400) };
        await using var api = StartApi(new Dictionary<string, string>
        {
            ["Llm:MaxConcurrentCalls"] = "3",
            ["Llm:MaxConcurrency"] = "4",
            ["Llm:BatchSize"] = "5",
            ["Llm:MinBatchSize"] = "5",
        }, ("claude", model));

        // Each request alone would have 4 calls in flight: 8 together without the service-wide limit.
        var responses = await Task.WhenAll(new[] { 1, 2 }.Select(seed => api.Client.GenerateDataAsync(
            new GenerateRequest { Entity = "review", Count = 40, Seed = seed, GenerationMethod = GenerationMethod.Llm }, deadline: Deadlines.Call()).ResponseAsync));

        Assert.All(responses, r =>
        {
            Assert.True(r.Success, r.Error);
            Assert.Equal("llm", r.Metadata.GenerationPath);
            Assert.All(Parse(r.Data), record => Assert.StartsWith("Stand-in review", record["body"]!.GetValue<string>(), StringComparison.Ordinal));
        });
        Assert.Equal(16, model.Calls.Count);
        Assert.Equal(3, model.PeakInFlight);
    }

    [Fact]
    public async Task AHundredRecordsAtTheDefaultsAreOneRoundOfCallsAllInFlightTogether()
    {
        await using var model = await LlmStandIn.StartAsync();
        // A model that takes a second per call: the calls of one round overlap, those of a second round could not.
        model.Script = call => StandInReply.Json(StandInRecords.Reviews(call.RequestedCount, call.Number)) with { Delay = TimeSpan.FromSeconds(1) };
        await using var api = StartApi(("claude", model));

        var response = await api.Client.GenerateDataAsync(
            new GenerateRequest { Entity = "review", Count = 100, Seed = 31, GenerationMethod = GenerationMethod.Llm }, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        Assert.Equal(100, response.RecordCount);
        // Llm:MaxConcurrency (4) calls of 25 records: ceil(100 / 25) / 4 = one round.
        Assert.Equal([25, 25, 25, 25], model.Calls.Select(c => c.RequestedCount));
        Assert.Equal(4, model.PeakInFlight);
        Assert.All(Parse(response.Data), record => Assert.StartsWith("Stand-in review", record["body"]!.GetValue<string>(), StringComparison.Ordinal));
    }
}
