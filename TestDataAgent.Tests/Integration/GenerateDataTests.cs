using System.Text.Json;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

[Collection(ApiGroup.Name)]
public sealed class GenerateDataTests(ApiFixture api)
{
    public static TheoryData<string> Entities => new(TestRequests.CoreEntities);

    [Theory]
    [MemberData(nameof(Entities))]
    public async Task EachCoreEntityComesBackAsAJsonArrayWithIndexAndScenario(string entity)
    {
        var response = await api.Client.GenerateDataAsync(new GenerateRequest { RequestId = $"it-{entity}", Domain = "ecommerce", Entity = entity, Count = 25 }, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        Assert.Equal($"it-{entity}", response.RequestId);
        using var data = JsonDocument.Parse(response.Data);
        Assert.Equal(25, data.RootElement.GetArrayLength());
        Assert.Equal(25, response.RecordCount);
        var i = 0;
        foreach (var record in data.RootElement.EnumerateArray())
        {
            Assert.Equal(i++, record.GetProperty("_index").GetInt32());
            Assert.Equal("default", record.GetProperty("_scenario").GetString());
        }

        Assert.Equal("traditional", response.Metadata.GenerationPath);
        Assert.True(response.Metadata.GenerationTimeMs > 0);
        Assert.Equal(25, response.Metadata.ScenarioCounts["default"]);
        Assert.Equal(1.0f, response.Metadata.CoherenceScore);
    }

    [Fact]
    public async Task ASeedAndReferenceTimeReproduceTheSameBytes()
    {
        var request = new GenerateRequest { Entity = "order", Count = 50, Seed = 2024, ReferenceTime = "2026-03-01T00:00:00Z" };

        var first = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());
        var second = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());

        Assert.Equal(first.Data, second.Data);
        Assert.Equal(2024, first.Metadata.Seed);
        Assert.Equal("2026-03-01T00:00:00Z", first.Metadata.ReferenceTime);
    }

    [Fact]
    public async Task AnUnseededResponseReportsWhatReproducesIt()
    {
        var first = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "user", Count = 10 }, deadline: Deadlines.Call());

        var replay = await api.Client.GenerateDataAsync(
            new GenerateRequest { Entity = "user", Count = 10, Seed = first.Metadata.Seed, ReferenceTime = first.Metadata.ReferenceTime }, deadline: Deadlines.Call());

        Assert.NotEqual(0, first.Metadata.Seed);
        Assert.Equal(first.Data, replay.Data);
    }

    [Fact]
    public async Task ScenariosDecideCountsAndOverridesAreTyped()
    {
        var request = new GenerateRequest { Entity = "review", Count = 5 };
        request.Scenarios.Add(new Scenario { Name = "five_star", Count = 3, Overrides = { ["rating"] = "5" } });
        request.Scenarios.Add(new Scenario { Name = "one_star", Count = 2, Overrides = { ["rating"] = "1" } });

        var response = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        using var data = JsonDocument.Parse(response.Data);
        var records = data.RootElement.EnumerateArray().ToList();
        Assert.All(records.Take(3), r => Assert.Equal(5, r.GetProperty("rating").GetInt32()));
        Assert.All(records.Skip(3), r => Assert.Equal(1, r.GetProperty("rating").GetInt32()));
        Assert.Equal(3, response.Metadata.ScenarioCounts["five_star"]);
        Assert.Equal(2, response.Metadata.ScenarioCounts["one_star"]);
    }

    [Fact]
    public async Task ARequestThatWantsAnotherPathSaysItFellBack()
    {
        var response = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "review", Count = 3 }, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        Assert.Equal("traditional", response.Metadata.GenerationPath);
        Assert.Equal("llm", response.Metadata.RequestedPath);
        Assert.Contains(response.Metadata.Warnings, w => w.Contains("llm path unavailable", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(OutputFormat.Csv, "cart_id,customer_id,items")]
    [InlineData(OutputFormat.Sql, "CREATE TABLE IF NOT EXISTS \"cart\"")]
    [InlineData(OutputFormat.Ndjson, "{\"cart_id\":")]
    public async Task OtherFormatsAreHonoured(OutputFormat format, string start)
    {
        var response = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "cart", Count = 4, OutputFormat = format }, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        Assert.StartsWith(start, response.Data, StringComparison.Ordinal);
        Assert.Equal(4, response.RecordCount);
    }

    [Fact]
    public async Task TheSyncLimitItselfIsAllowed()
    {
        var response = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "product", Count = 10_000 }, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        Assert.Equal(10_000, response.RecordCount);
    }
}
