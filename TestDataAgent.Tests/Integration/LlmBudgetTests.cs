using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;
using TestDataAgent.Tests.StandIns;
using static TestDataAgent.Tests.StandIns.LlmTestHost;

namespace TestDataAgent.Tests.Integration;

/// <summary>
/// What one request may spend on models, over real sockets against the stand-in: records (<c>Llm:MaxRecordsPerRequest</c>),
/// tokens (<c>Llm:MaxTokensPerRequest</c>), prompt size (caller texts cut), and the background pool refills' shared budget.
/// </summary>
public sealed class LlmBudgetTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ARequestOverMaxRecordsPerRequestGetsThatManyModelRecordsAndTheRestTraditional()
    {
        await using var model = await LlmStandIn.StartAsync();
        await using var api = StartApi(new Dictionary<string, string> { ["Llm:MaxRecordsPerRequest"] = "30" }, ("claude", model));

        var response = await api.Client.GenerateDataAsync(
            new GenerateRequest { Entity = "review", Count = 100, Seed = 17, GenerationMethod = GenerationMethod.Llm }, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        Assert.Equal("llm", response.Metadata.GenerationPath);
        Assert.Equal(30, model.Calls.Sum(c => c.RequestedCount));
        var records = Parse(response.Data);
        Assert.Equal(100, records.Count);
        Assert.Equal(30, records.Count(IsFromModel));
        Assert.All(records.Take(30), r => Assert.True(IsFromModel(r)));
        Assert.Equal(100, records.Select(r => r["review_id"]!.GetValue<string>()).Distinct().Count());
        Assert.Contains(response.Metadata.Warnings, w => w.Contains("Llm:MaxRecordsPerRequest", StringComparison.Ordinal) && w.Contains("70", StringComparison.Ordinal));
        await AssertValidAsync(api, "review", response.Data);
    }

    [Fact]
    public async Task AStreamPastMaxRecordsPerRequestGoesOnTraditionallyWithoutCallingTheModel()
    {
        await using var model = await LlmStandIn.StartAsync();
        await using var api = StartApi(new Dictionary<string, string> { ["Llm:MaxRecordsPerRequest"] = "20" }, ("vllm", model));

        using var call = api.Client.GenerateDataStream(
            new GenerateRequest { Entity = "review", Count = 5_000, Seed = 4, GenerationMethod = GenerationMethod.Llm, OutputFormat = OutputFormat.Ndjson },
            deadline: Deadlines.Call());
        var records = new List<JsonObject>();
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            records.AddRange(chunk.Data.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject()));
        }

        Assert.Equal(5_000, records.Count);
        Assert.Equal(20, records.Count(IsFromModel));
        Assert.Equal(20, model.Calls.Sum(c => c.RequestedCount));
        Assert.Equal(Enumerable.Range(0, 5_000), records.Select(r => r["_index"]!.GetValue<int>()));
        Assert.Equal(5_000, records.Select(r => r["review_id"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public async Task ARequestStopsCallingModelsOnceItsTokenBudgetIsSpent()
    {
        await using var model = await LlmStandIn.StartAsync();
        // 150 tokens an answer; one call at a time, so the budget is reached after exactly two calls.
        model.Usage = (100, 50);
        await using var api = StartApi(new Dictionary<string, string>
        {
            ["Llm:MaxTokensPerRequest"] = "300",
            ["Llm:MaxConcurrency"] = "1",
            ["Llm:BatchSize"] = "10",
        }, ("ollama", model));

        var response = await api.Client.GenerateDataAsync(
            new GenerateRequest { Entity = "review", Count = 60, Seed = 23, GenerationMethod = GenerationMethod.Llm }, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        Assert.Equal("llm", response.Metadata.GenerationPath);
        Assert.Equal(2, model.Calls.Count);
        Assert.Equal(300, response.Metadata.LlmTokensUsed);
        var records = Parse(response.Data);
        Assert.Equal(60, records.Count);
        Assert.Equal(20, records.Count(IsFromModel));
        Assert.Contains(response.Metadata.Warnings, w => w.Contains("Llm:MaxTokensPerRequest", StringComparison.Ordinal) && w.Contains("40", StringComparison.Ordinal));
        await AssertValidAsync(api, "review", response.Data);
    }

    [Fact]
    public async Task AMegabyteScenarioDescriptionReachesTheModelCutAndPlaceholdersInItStayText()
    {
        await using var model = await LlmStandIn.StartAsync();
        await using var api = StartApi(("claude", model));
        // A placeholder in the caller's text must not pull the context in again: once per prompt, however often it is written.
        var description = "customers whose stove arrived broken " + string.Concat(Enumerable.Repeat("{{context}} ", 80)) + new string('x', 1_000_000) + " END-OF-DESCRIPTION";
        var request = new GenerateRequest { Entity = "review", Count = 30, Seed = 5, GenerationMethod = GenerationMethod.Llm, Context = "CONTEXT-MARKER " + new string('c', 7_000) };
        request.Scenarios.Add(new Scenario { Name = "angry", Count = 30, Description = description });

        var response = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        Assert.NotEmpty(model.Calls);
        Assert.All(model.Calls, call =>
        {
            Assert.Contains("customers whose stove arrived broken", call.Prompt, StringComparison.Ordinal);
            Assert.DoesNotContain("END-OF-DESCRIPTION", call.Prompt, StringComparison.Ordinal);
            Assert.Equal(1, Occurrences(call.Prompt, "CONTEXT-MARKER"));
            // The schema, the context (7 KB) and the cut description: far from the megabyte sent.
            Assert.True(call.Prompt.Length < 20_000, $"the prompt is {call.Prompt.Length} characters");
        });
    }

    [Fact]
    public async Task PoolRefillsForManyContextsShareOnePerMinuteBudget()
    {
        await using var model = await LlmStandIn.StartAsync();
        await using var api = StartApi(new Dictionary<string, string>
        {
            ["Pool:LowWater"] = "5",
            ["Pool:RefillRecords"] = "10",
            ["Pool:MaxRefillRecordsPerMinute"] = "10",
        }, ("claude", model));
        using var refills = new CounterRecorder(api.Services.GetRequiredService<IMeterFactory>(), "testdata_pool_refills", "result");

        foreach (var context in new[] { "kettles", "tents", "headlamps", "stoves" })
        {
            var response = await api.Client.GenerateDataAsync(
                new GenerateRequest { Entity = "review", Count = 3, Seed = 2, UseCache = true, GenerationMethod = GenerationMethod.Llm, Context = context }, deadline: Deadlines.Call());
            Assert.True(response.Success, response.Error);
        }

        // Each request decided about its pool's refill before answering: one refill fitted the minute's 10 records.
        Assert.Equal(1, refills["started"]);
        Assert.Equal(3, refills["skipped_budget"]);
        await WaitUntilAsync(() => model.Calls.Any(IsRefill));
        Assert.All(model.Calls.Where(IsRefill), call => Assert.Equal("kettles", ContextOf(call)));
    }

    [Fact]
    public async Task NoMoreThanMaxConcurrentRefillsRunAtOnce()
    {
        await using var model = await LlmStandIn.StartAsync();
        // A refill's model call never ends while the test runs: the refill slot stays taken.
        model.Script = call => IsRefill(call) ? StandInReply.Hung() : StandInReply.Json(StandInRecords.Reviews(call.RequestedCount, call.Number));
        await using var api = StartApi(new Dictionary<string, string>
        {
            ["Pool:LowWater"] = "5",
            ["Pool:RefillRecords"] = "10",
            ["Pool:MaxConcurrentRefills"] = "1",
        }, ("claude", model));
        using var refills = new CounterRecorder(api.Services.GetRequiredService<IMeterFactory>(), "testdata_pool_refills", "result");

        foreach (var context in new[] { "kettles", "tents", "headlamps" })
        {
            var response = await api.Client.GenerateDataAsync(
                new GenerateRequest { Entity = "review", Count = 3, Seed = 2, UseCache = true, GenerationMethod = GenerationMethod.Llm, Context = context }, deadline: Deadlines.Call());
            Assert.True(response.Success, response.Error);
        }

        Assert.Equal(1, refills["started"]);
        Assert.Equal(2, refills["skipped_busy"]);
        await WaitUntilAsync(() => model.Calls.Any(IsRefill));
        Assert.All(model.Calls.Where(IsRefill), call => Assert.Equal("kettles", ContextOf(call)));
    }

    private static bool IsFromModel(JsonObject record) => record["body"]!.GetValue<string>().StartsWith("Stand-in review", StringComparison.Ordinal);

    // A refill asks for Pool:RefillRecords (10) records as a request of its own; the tests' requests ask for 3.
    private static bool IsRefill(StandInCall call) => call.Prompt.Contains(" of 10; seed", StringComparison.Ordinal);

    private static string ContextOf(StandInCall call)
    {
        var start = call.Prompt.IndexOf("\n<context>\n", StringComparison.Ordinal) + 11;
        return call.Prompt[start..call.Prompt.IndexOf("\n</context>\n", start, StringComparison.Ordinal)];
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold in time");
            await Task.Delay(50);
        }
    }
}
