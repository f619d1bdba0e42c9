extern alias ApiAssembly;
using ApiAssembly::TestDataAgent.Api.Infrastructure.PatternStore;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Rag;

/// <summary>An acknowledged RecordPatterns survives the process being killed with SIGKILL right after it answers.</summary>
public sealed class CrashSafetyTests : IDisposable
{
    private readonly TempDirectory _directory = new("tda-rag-kill");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task APatternAcknowledgedBeforeAKillDashNineIsStillStored()
    {
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["Rag__DataDirectory"] = _directory.Path,
            ["Rag__SeedOnStartup"] = "false",
        });
        var request = new RecordPatternsRequest
        {
            Entity = "product",
            Synthetic = true,
            Description = "recorded just before the process is killed",
            Data = """[{"product_id":"PRD-9000001","name":"Kill Switch","price":19.99,"category":"Electronics","sku":"ELE-900001","in_stock":true,"stock_quantity":3,"brand":"Crashco","created_at":"2025-01-01T00:00:00Z","updated_at":"2025-01-02T00:00:00Z"}]""",
        };

        var stored = await api.Client.RecordPatternsAsync(request, deadline: Deadlines.SlowStartCall());
        await api.KillAsync();

        using var reopened = new EmbeddedPatternCollection("TestDataPattern", _directory.Path);
        var found = await reopened.GetAsync(stored.Ids[0]);
        Assert.NotNull(found);
        Assert.Contains("Kill Switch", found.Data, StringComparison.Ordinal);
    }
}
