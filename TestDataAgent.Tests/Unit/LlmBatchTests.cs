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

    [Theory]
    [InlineData(100, 25)] // 4 calls of 25: one round at concurrency 4
    [InlineData(45, 12)] // spread over the 4 slots
    [InlineData(25, 10)] // never fewer than Llm:MinBatchSize a call
    [InlineData(4, 10)]
    [InlineData(10_000, 25)] // never more than Llm:BatchSize
    public void BatchesAreSizedToTheConcurrencyBetweenTheMinimumAndTheMaximum(long records, int size)
    {
        Assert.Equal(size, LlmBatch.SizeFor(records, new LlmOptions()));
    }

    [Fact]
    public void AMinimumAboveTheMaximumYieldsToTheMaximum()
    {
        Assert.Equal(5, LlmBatch.SizeFor(100, new LlmOptions { BatchSize = 5, MinBatchSize = 50 }));
    }

    [Fact]
    public void OnlyTheRecordsToTakeAreBatchedAcrossScenarios()
    {
        var request = TestRequests.Request("review", 55) with
        {
            Scenarios = [new ScenarioPlan("a", 25, "", new Dictionary<string, object?>()), new ScenarioPlan("b", 30, "", new Dictionary<string, object?>())],
        };

        var batches = LlmBatch.Plan(request, 10, skip: 5, take: 30);

        Assert.Equal(Enumerable.Range(5, 30).Select(i => (long)i), batches.SelectMany(b => Enumerable.Range(0, b.Count).Select(i => b.FirstIndex + i)));
        Assert.Equal([10, 10, 10], batches.Select(b => b.Count).Take(3));
        Assert.Equal(["a", "a", "b"], batches.Select(b => b.Scenario.Name));
    }

    [Fact]
    public void TheIndexesPastTheModelsRecordsKeepTheirScenarios()
    {
        var request = TestRequests.Request("review", 55) with
        {
            Scenarios = [new ScenarioPlan("a", 25, "", new Dictionary<string, object?>()), new ScenarioPlan("b", 30, "", new Dictionary<string, object?>())],
        };

        var tail = LlmBatch.IndexesFrom(request, 20).ToList();

        Assert.Equal(Enumerable.Range(20, 35).Select(i => (long)i), tail.Select(t => t.Index));
        Assert.Equal(Enumerable.Repeat("a", 5).Concat(Enumerable.Repeat("b", 30)), tail.Select(t => t.Scenario.Name));
    }
}
