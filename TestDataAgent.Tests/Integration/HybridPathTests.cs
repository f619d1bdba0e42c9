using System.Text.Json.Nodes;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;
using TestDataAgent.Tests.StandIns;

namespace TestDataAgent.Tests.Integration;

/// <summary>Hybrid over real sockets: patterns in the embedded store (real MiniLM embeddings) become examples in the prompts of the LLM stand-in.</summary>
public sealed class HybridPathTests : IDisposable
{
    private const string LanternReview = """
        [{"review_id":"REV-1000000001","product_id":"PRD-1000001","user_id":"USR-1000001","rating":5,
          "title":"Solar-powered lantern that lasted the whole trip",
          "body":"Charged on my backpack all day and lit our tent for three nights on the coast. The dimmer is handy and the hook is sturdy.",
          "verified_purchase":true,"helpful_votes":12,"created_at":"2025-08-01T10:00:00Z"}]
        """;

    private readonly TempDirectory _directory = new("tda-hybrid");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task RetrievedPatternsAreExamplesInEveryPromptAndTheRecordsStayValid()
    {
        await using var model = await LlmStandIn.StartAsync();
        await using var api = ApiHost.Start(Settings(("ConnectionStrings:claude", $"Endpoint={model.BaseUrl};Key=test;Model=stand-in-model")));
        var stored = await api.Client.RecordPatternsAsync(
            new RecordPatternsRequest { Entity = "review", Data = LanternReview, Description = "camping lights reviewed after a trip", QualityScore = 0.9, Synthetic = true },
            deadline: Deadlines.SlowStartCall());
        var id = Assert.Single(stored.Ids);

        var response = await api.Client.GenerateDataAsync(
            new GenerateRequest { Entity = "review", Count = 30, Seed = 5, GenerationMethod = GenerationMethod.Hybrid, Context = "reviews of outdoor lighting for camping" },
            deadline: Deadlines.SlowStartCall());

        Assert.True(response.Success, response.Error);
        Assert.Equal("hybrid", response.Metadata.GenerationPath);
        Assert.Equal(30, response.RecordCount);
        // Spread over the request's 4 slots, at least Llm:MinBatchSize (10) a call.
        Assert.Equal(3, model.Calls.Count);
        Assert.All(model.Calls, call =>
        {
            Assert.Contains("Examples of good records", call.Prompt, StringComparison.Ordinal);
            Assert.Contains("Solar-powered lantern that lasted the whole trip", call.Prompt, StringComparison.Ordinal);
            // Examples leave out what the service sets.
            Assert.DoesNotContain("REV-1000000001", call.Prompt, StringComparison.Ordinal);
        });
        Assert.Contains(response.Metadata.Warnings, w => w.Contains(id, StringComparison.Ordinal));
        Assert.All(JsonNode.Parse(response.Data)!.AsArray(), r => Assert.StartsWith("Stand-in review", r!["body"]!.GetValue<string>(), StringComparison.Ordinal));
        var report = await api.Client.ValidateDataAsync(new ValidateDataRequest { Entity = "review", Data = response.Data }, deadline: Deadlines.SlowStartCall());
        Assert.True(report.Valid);
    }

    [Fact]
    public async Task WithoutAnLlmHybridFallsBackToRag()
    {
        await using var api = ApiHost.Start(Settings());
        await api.Client.RecordPatternsAsync(
            new RecordPatternsRequest { Entity = "review", Data = LanternReview, Description = "camping lights reviewed after a trip", Synthetic = true },
            deadline: Deadlines.SlowStartCall());

        var response = await api.Client.GenerateDataAsync(
            new GenerateRequest { Entity = "review", Count = 5, Seed = 5, GenerationMethod = GenerationMethod.Hybrid, Context = "camping lanterns" },
            deadline: Deadlines.SlowStartCall());

        Assert.True(response.Success, response.Error);
        Assert.Equal("rag", response.Metadata.GenerationPath);
        Assert.Equal("hybrid", response.Metadata.RequestedPath);
        Assert.Contains(response.Metadata.Warnings, w => w.Contains("hybrid path unavailable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACachedRagResponseIsNotReplayedAfterANewPatternIsRecorded()
    {
        await using var api = ApiHost.Start(Settings());
        await api.Client.RecordPatternsAsync(
            new RecordPatternsRequest { Entity = "review", Data = LanternReview, Description = "camping lights reviewed after a trip", Synthetic = true },
            deadline: Deadlines.SlowStartCall());
        var request = new GenerateRequest { Entity = "review", Count = 3, Seed = 9, UseCache = true, GenerationMethod = GenerationMethod.Rag, Context = "camping lanterns" };
        await api.Client.GenerateDataAsync(request, deadline: Deadlines.SlowStartCall());
        Assert.True((await api.Client.GenerateDataAsync(request, deadline: Deadlines.SlowStartCall())).Metadata.CacheHit);

        await api.Client.RecordPatternsAsync(
            new RecordPatternsRequest { Entity = "review", Data = LanternReview.Replace("three nights", "four nights", StringComparison.Ordinal), Synthetic = true },
            deadline: Deadlines.SlowStartCall());
        var after = await api.Client.GenerateDataAsync(request, deadline: Deadlines.SlowStartCall());

        Assert.False(after.Metadata.CacheHit);
    }

    private Dictionary<string, string> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:redis"] = "",
            ["Rag:DataDirectory"] = _directory.Path,
            ["Rag:SeedOnStartup"] = "false",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }
}
