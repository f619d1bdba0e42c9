using TestDataAgent.Generators.Llm;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Unit;

public sealed class LlmBatchTests
{
    [Fact]
    public void BatchesNeverSpanTwoScenariosAndCoverEveryIndexOnce()
    {
        var request = TestRequests.Request("review", 55) with
        {
            Scenarios = [new ScenarioPlan("a", 25, "", new Dictionary<string, object?>()), new ScenarioPlan("b", 30, "", new Dictionary<string, object?>())],
        };

        var batches = LlmBatch.Plan(request, 20);

        Assert.Equal([20, 5, 20, 10], batches.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(0, 55).Select(i => (long)i), batches.SelectMany(b => Enumerable.Range(0, b.Count).Select(i => b.FirstIndex + i)));
        Assert.All(batches.Take(2), b => Assert.Equal("a", b.Scenario.Name));
    }

    [Fact]
    public void PooledRecordsAreSkippedAcrossScenarios()
    {
        var request = TestRequests.Request("review", 55) with
        {
            Scenarios = [new ScenarioPlan("a", 25, "", new Dictionary<string, object?>()), new ScenarioPlan("b", 30, "", new Dictionary<string, object?>())],
        };

        var batches = LlmBatch.Plan(request, 20, skip: 30);

        Assert.Equal(30, batches[0].FirstIndex);
        Assert.Equal(25, batches.Sum(b => b.Count));
        Assert.Equal("b", LlmBatch.ScenarioAt(request, 29).Name);
        Assert.Equal("a", LlmBatch.ScenarioAt(request, 24).Name);
    }
}
