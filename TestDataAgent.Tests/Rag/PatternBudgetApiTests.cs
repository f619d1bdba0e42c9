extern alias ApiAssembly;
using System.Diagnostics.Metrics;
using System.Text.Json;
using ApiAssembly::TestDataAgent.Api.Infrastructure.PatternStore;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Generators.Rag;
using TestDataAgent.Generators.Rag.Store;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Rag;

/// <summary>
/// The pattern store's budget through the Api (issue 14, item 5), over real gRPC sockets with the embedded store and the
/// real MiniLM model: per-call limits refused naming their setting, a store kept within its budget across restarts, and
/// RecordPatterns and RAG generation working right after.
/// </summary>
public sealed class PatternBudgetApiTests : IDisposable
{
    private readonly TempDirectory _directory = new("tda-rag-budget");

    public void Dispose() => _directory.Dispose();

    private string LogPath => Path.Combine(_directory.Path, "TestDataPattern.jsonl");

    private Dictionary<string, string> Settings(int maxPatterns = 10_000) => new()
    {
        ["ConnectionStrings:redis"] = "",
        ["Rag:DataDirectory"] = _directory.Path,
        ["Rag:SeedOnStartup"] = "false",
        ["Rag:MaxRecordsPerCall"] = "2",
        ["Rag:MaxFieldBytes"] = "512",
        ["Rag:MaxDescriptionChars"] = "120",
        ["Rag:MaxNameChars"] = "40",
        ["Rag:Embedded:MaxPatternsPerCollection"] = maxPatterns.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string Astronomer(int n, string lastName = "Hale") =>
        $$"""{"user_id":"USR-70000{{n:D2}}","email":"astronomer{{n}}@example.com","first_name":"Margaret","last_name":"{{lastName}}","loyalty_tier":"gold","created_at":"2024-05-01T10:00:00Z"}""";

    private static RecordPatternsRequest Astronomers(double quality, params int[] numbers) => new()
    {
        Entity = "user",
        Kind = PatternKind.Pattern,
        Data = $"[{string.Join(',', numbers.Select(n => Astronomer(n)))}]",
        Scenario = "retired_astronomer",
        Description = "a retired astronomer who collects antique telescopes and goes stargazing every clear night",
        QualityScore = quality,
        Synthetic = true,
    };

    private static GenerateRequest RagRequest() => new()
    {
        Entity = "user",
        Count = 4,
        Seed = 11,
        GenerationMethod = GenerationMethod.Rag,
        LearnFromHistory = true,
        Context = "elderly stargazers who collect old telescopes",
    };

    private static EmbeddedPatternCollection Patterns(ApiHost api) =>
        (EmbeddedPatternCollection)api.Services.GetRequiredService<IPatternCollections>().Collection(PatternCategory.Pattern);

    private static async Task<HashSet<string>> PatternsUsedAsync(ApiHost api)
    {
        var response = await api.Client.GenerateDataAsync(RagRequest(), deadline: Deadlines.SlowStartCall());
        Assert.True(response.Success, response.Error);
        Assert.Equal("rag", response.Metadata.GenerationPath);
        using var data = JsonDocument.Parse(response.Data);
        return [.. data.RootElement.EnumerateArray().Select(r => r.GetProperty("_pattern").GetString()!)];
    }

    public static TheoryData<string, string> OverTheLimits() => new()
    {
        { "records", "Rag:MaxRecordsPerCall" },
        { "field", "Rag:MaxFieldBytes" },
        { "description", "Rag:MaxDescriptionChars" },
        { "scenario", "Rag:MaxNameChars" },
        { "domain", "Rag:MaxNameChars" },
    };

    [Theory]
    [MemberData(nameof(OverTheLimits))]
    public async Task ACallOverAPerCallLimitIsRefusedNamingTheSettingAndANormalCallWorksRightAfter(string over, string setting)
    {
        await using var api = ApiHost.Start(Settings());
        var request = Astronomers(0.9, 1);
        switch (over)
        {
            case "records":
                request.Data = $"[{Astronomer(1)},{Astronomer(2)},{Astronomer(3)}]";
                break;
            case "field":
                request.Data = $"[{Astronomer(1, new string('x', 600))}]";
                break;
            case "description":
                request.Description = new string('d', 121);
                break;
            case "scenario":
                request.Scenario = new string('s', 41);
                break;
            default:
                request.Domain = new string('e', 41);
                break;
        }

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await api.Client.RecordPatternsAsync(request, deadline: Deadlines.SlowStartCall()));
        var stored = await api.Client.RecordPatternsAsync(Astronomers(0.9, 1), deadline: Deadlines.SlowStartCall());

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains(setting, refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, stored.Stored);
        Assert.Single(File.ReadAllLines(LogPath));
        Assert.Equal([stored.Ids[0]], await PatternsUsedAsync(api));
    }

    [Fact]
    public async Task AStoreOverItsBudgetStaysWithinItAcrossRestartsAndRagStillWorks()
    {
        string[] best;
        await using (var api = ApiHost.Start(Settings(maxPatterns: 4)))
        {
            using var evictions = new CounterRecorder(api.Services.GetRequiredService<IMeterFactory>(), "testdata_pattern_store_evictions", "reason");
            await api.Client.RecordPatternsAsync(Astronomers(0.3, 1, 2), deadline: Deadlines.SlowStartCall());
            var middle = await api.Client.RecordPatternsAsync(Astronomers(0.6, 3, 4), deadline: Deadlines.SlowStartCall());
            var top = await api.Client.RecordPatternsAsync(Astronomers(0.9, 5, 6), deadline: Deadlines.SlowStartCall());
            best = [.. top.Ids];

            // The lowest quality went; the store holds its budget, and RAG uses what it kept.
            Assert.Equal(4, Patterns(api).Count);
            Assert.Equal(2, evictions["write"]);
            Assert.Contains(api.Logs.Messages, m => m.Contains("evicted 2 pattern(s)", StringComparison.Ordinal));
            Assert.Subset(new HashSet<string>(middle.Ids.Concat(top.Ids), StringComparer.Ordinal), await PatternsUsedAsync(api));
        }

        await using (var restarted = ApiHost.Start(Settings(maxPatterns: 4)))
        {
            Assert.Equal(4, Patterns(restarted).Count);
        }

        // A smaller budget at start: the log is read within it, keeping the best, and the service works on.
        await using var smaller = ApiHost.Start(Settings(maxPatterns: 2));
        using var loadEvictions = new CounterRecorder(smaller.Services.GetRequiredService<IMeterFactory>(), "testdata_pattern_store_evictions", "reason");

        var used = await PatternsUsedAsync(smaller);

        Assert.True(used.SetEquals(best), string.Join(", ", used));
        Assert.Equal(2, Patterns(smaller).Count);
        Assert.Equal(2, loadEvictions["load"]);
        Assert.Equal(2, File.ReadAllLines(LogPath).Length);
        var stored = await smaller.Client.RecordPatternsAsync(Astronomers(0.95, 7), deadline: Deadlines.SlowStartCall());
        Assert.Equal(1, stored.Stored);
        Assert.Equal(2, Patterns(smaller).Count);
    }
}
