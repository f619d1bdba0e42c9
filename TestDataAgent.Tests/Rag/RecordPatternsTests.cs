using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Rag;

/// <summary>RecordPatterns and the RAG path end to end: real gRPC sockets, the embedded store, the real MiniLM model.</summary>
public sealed class RecordPatternsTests : IDisposable
{
    private const string Astronomer = """
        [{"user_id":"USR-7000001","email":"margaret.oconnell.private@gmail.com","first_name":"Margaret","last_name":"O'Connell-Hughes",
          "phone":"+1 415 867 5309","addresses":[{"label":"home","street":"742 Evergreen Terrace","city":"Springfield","state":"OR","zip":"97477","country":"US","is_default":true}],
          "loyalty_tier":"gold","created_at":"2024-05-01T10:00:00Z","last_login":"2024-06-01T10:00:00Z"}]
        """;

    private readonly TempDirectory _directory = new("tda-rag-it");

    public void Dispose() => _directory.Dispose();

    private Dictionary<string, string> Settings(bool seed = true) => new()
    {
        ["ConnectionStrings:redis"] = "",
        ["Rag:DataDirectory"] = _directory.Path,
        ["Rag:SeedOnStartup"] = seed ? "true" : "false",
    };

    private static RecordPatternsRequest AstronomerPattern() => new()
    {
        Entity = "user",
        Kind = PatternKind.Pattern,
        Data = Astronomer,
        Scenario = "retired_astronomer",
        Description = "a retired astronomer who collects antique telescopes and goes stargazing every clear night",
        QualityScore = 0.9,
    };

    private static GenerateRequest RagRequest(string context) => new()
    {
        Entity = "user",
        Count = 6,
        Seed = 11,
        GenerationMethod = GenerationMethod.Rag,
        LearnFromHistory = true,
        Context = context,
    };

    [Fact]
    public async Task ARecordedPatternIsFoundByARequestThatMeansTheSameInOtherWords()
    {
        await using var api = ApiHost.Start(Settings());
        // The seed corpus (other user patterns) is loaded in the background: the recorded pattern must win on meaning.
        await WaitForSeedAsync();

        var stored = await api.Client.RecordPatternsAsync(AstronomerPattern(), deadline: Deadlines.SlowStartCall());
        var response = await api.Client.GenerateDataAsync(RagRequest("elderly stargazers, past retirement age, who love old observatory equipment"), deadline: Deadlines.SlowStartCall());
        var unrelated = await api.Client.GenerateDataAsync(RagRequest("a company purchaser who ships orders to the office"), deadline: Deadlines.SlowStartCall());

        Assert.Equal(1, stored.Stored);
        Assert.True(response.Success, response.Error);
        Assert.Equal("rag", response.Metadata.GenerationPath);
        using var data = JsonDocument.Parse(response.Data);
        var first = data.RootElement[0];
        Assert.Equal(stored.Ids[0], first.GetProperty("_pattern").GetString());
        Assert.Equal("gold", first.GetProperty("loyalty_tier").GetString());
        using var other = JsonDocument.Parse(unrelated.Data);
        Assert.Equal("seed-user-business-buyer", other.RootElement[0].GetProperty("_pattern").GetString());
    }

    private async Task WaitForSeedAsync()
    {
        var file = Path.Combine(_directory.Path, "TestDataPattern.jsonl");
        using var timeout = new CancellationTokenSource(Deadlines.SlowStartHang);
        while (!(File.Exists(file) && (await File.ReadAllTextAsync(file, timeout.Token)).Contains("seed-user-business-buyer", StringComparison.Ordinal)))
        {
            await Task.Delay(100, timeout.Token);
        }
    }

    [Fact]
    public async Task PatternsSurviveAnApiRestart()
    {
        string id;
        await using (var api = ApiHost.Start(Settings(seed: false)))
        {
            id = (await api.Client.RecordPatternsAsync(AstronomerPattern(), deadline: Deadlines.SlowStartCall())).Ids[0];
        }

        await using var restarted = ApiHost.Start(Settings(seed: false));
        var response = await restarted.Client.GenerateDataAsync(RagRequest("telescope collectors"), deadline: Deadlines.SlowStartCall());

        Assert.True(response.Success, response.Error);
        using var data = JsonDocument.Parse(response.Data);
        Assert.All(data.RootElement.EnumerateArray(), r => Assert.Equal(id, r.GetProperty("_pattern").GetString()));
    }

    [Fact]
    public async Task PersonalDataIsReplacedBeforeAnythingIsStoredUnlessTheRecordsAreSynthetic()
    {
        string[] personal = ["margaret", "O'Connell", "gmail", "867 5309", "Evergreen"];
        await using var api = ApiHost.Start(Settings(seed: false));

        var stored = await api.Client.RecordPatternsAsync(AstronomerPattern(), deadline: Deadlines.SlowStartCall());
        var files = StoredText();
        var synthetic = AstronomerPattern();
        synthetic.Synthetic = true;
        await api.Client.RecordPatternsAsync(synthetic, deadline: Deadlines.SlowStartCall());
        var withSynthetic = StoredText();

        Assert.Equal(1, stored.Stored);
        Assert.Contains("gold", files, StringComparison.Ordinal);
        Assert.All(personal, p => Assert.DoesNotContain(p, files, StringComparison.OrdinalIgnoreCase));
        // The same records sent as synthetic are kept as sent: the check above can see personal data when it is there.
        Assert.Contains("margaret.oconnell.private@gmail.com", withSynthetic, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameCallerRecordingTheSameRecordAgainNeitherDuplicatesItNorCountsAUse()
    {
        await using var api = ApiHost.Start(Settings(seed: false));

        var first = await api.Client.RecordPatternsAsync(AstronomerPattern(), deadline: Deadlines.SlowStartCall());
        var second = await api.Client.RecordPatternsAsync(AstronomerPattern(), deadline: Deadlines.SlowStartCall());

        Assert.Equal(first.Ids, second.Ids);
        var lines = File.ReadAllLines(Path.Combine(_directory.Path, "TestDataPattern.jsonl"));
        // Another caller recording it does count a use: PatternOwnerTests.
        Assert.Contains("\"usage_count\":0", lines[^1], StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> BadSubmissions() => new()
    {
        { "user", "not json", "data is not valid JSON" },
        { "user", "{}", "data must be a non-empty JSON array" },
        { "user", "[]", "data must be a non-empty JSON array" },
        { "spaceship", Astronomer, "entity 'spaceship' is not a known schema" },
        { "user", """[{"user_id":"USR-1","first_name":"A","last_name":"B","created_at":"2024-01-01T00:00:00Z"}]""", "data[0]: email is required" },
        { "user", Astronomer.TrimEnd()[..^1] + """,{"user_id":"USR-2","email":"nope","first_name":"A","last_name":"B","created_at":"2024-01-01T00:00:00Z"}]""", "data[1]: email" },
        { "user", """[{"user_id":"USR-1","email":"a@b.co","first_name":"A","last_name":"B","created_at":"2024-01-01T00:00:00Z","shoe_size":9}]""", "data[0].shoe_size is not a field of user" },
    };

    [Theory]
    [MemberData(nameof(BadSubmissions))]
    public async Task MalformedOrInvalidRecordsAreRefusedWithInvalidArgumentNamingTheRecordAndField(string entity, string data, string expected)
    {
        await using var api = ApiHost.Start(Settings(seed: false));

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await api.Client.RecordPatternsAsync(new RecordPatternsRequest { Entity = entity, Data = data }, deadline: Deadlines.SlowStartCall()));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(expected, error.Status.Detail, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory.Path, "TestDataPattern.jsonl")) && File.ReadAllText(Path.Combine(_directory.Path, "TestDataPattern.jsonl")).Length > 0);
    }

    [Fact]
    public async Task AnOutOfRangeQualityScoreOrUnknownSeverityIsRefused()
    {
        await using var api = ApiHost.Start(Settings(seed: false));
        var quality = AstronomerPattern();
        quality.QualityScore = 1.5;
        var severity = AstronomerPattern();
        severity.Kind = PatternKind.Defect;
        severity.Severity = "apocalyptic";

        var badQuality = await Assert.ThrowsAsync<RpcException>(async () => await api.Client.RecordPatternsAsync(quality, deadline: Deadlines.SlowStartCall()));
        var badSeverity = await Assert.ThrowsAsync<RpcException>(async () => await api.Client.RecordPatternsAsync(severity, deadline: Deadlines.SlowStartCall()));

        Assert.Equal(StatusCode.InvalidArgument, badQuality.StatusCode);
        Assert.Contains("quality_score", badQuality.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, badSeverity.StatusCode);
        Assert.Contains("severity", badSeverity.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatternsCanBeRecordedAsJsonOverHttpAndHealthShowsTheVectorStore()
    {
        await using var api = ApiHost.Start(Settings(seed: false));
        using var http = new HttpClient { BaseAddress = api.HttpAddress, Timeout = Deadlines.SlowStartHang };

        using var posted = await http.PostAsJsonAsync(new Uri("/v1/patterns", UriKind.Relative), new { entity = "user", kind = "DEFECT", severity = "high", data = Astronomer, description = "apostrophe in surname" });
        var body = await posted.Content.ReadFromJsonAsync<JsonElement>();
        var health = await api.Client.HealthCheckAsync(new HealthCheckRequest(), deadline: Deadlines.SlowStartCall());

        Assert.True(posted.IsSuccessStatusCode, body.ToString());
        Assert.Equal(1, body.GetProperty("stored").GetInt32());
        Assert.StartsWith("def-user-", body.GetProperty("ids")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("healthy", health.Components["vector_store"]);
    }

    private string StoredText() => string.Concat(Directory.GetFiles(_directory.Path).Select(File.ReadAllText));
}
