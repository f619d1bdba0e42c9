extern alias ApiAssembly;
using ApiAssembly::TestDataAgent.Api.Infrastructure.PatternStore;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.VectorData;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Generators.Rag;
using TestDataAgent.Generators.Rag.Store;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Rag;

/// <summary>
/// The embedded store never loses an acknowledged write (issue 14): a write that fails part-way (injected, and on a
/// really full tmpfs) leaves no torn tail and answers UNAVAILABLE; a damaged line is quarantined with its bytes and an
/// error log, never erased; low disk space shows in health.
/// </summary>
public sealed class StoreDurabilityTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    private const string Product = """[{"product_id":"PRD-9000001","name":"Kill Switch","price":19.99,"category":"Electronics","sku":"ELE-900001","in_stock":true,"stock_quantity":3,"brand":"Crashco","created_at":"2025-01-01T00:00:00Z","updated_at":"2025-01-02T00:00:00Z"}]""";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"tda-durable-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task AWriteThatFailsPartWayLeavesNoTornTailAndTheNextWriteSurvivesARestart()
    {
        var faults = new FailingWrites();
        long lengthBefore;
        using (var store = new EmbeddedPatternCollection("TestDataPattern", _directory, null, faults.Through))
        {
            await store.UpsertAsync(EmbeddedStoreTests.Pattern("a", "cart", 1));
            lengthBefore = new FileInfo(store.FilePath).Length;
            faults.FailNextWriteAfter(100);

            var error = await Assert.ThrowsAsync<VectorStoreException>(() => store.UpsertAsync(EmbeddedStoreTests.Pattern("b", "cart", 2)));

            Assert.Equal(1, faults.Failures);
            Assert.IsType<IOException>(error.InnerException);
            Assert.Equal(lengthBefore, new FileInfo(store.FilePath).Length);
            await store.UpsertAsync(EmbeddedStoreTests.Pattern("c", "cart", 3));
        }

        using var reopened = new EmbeddedPatternCollection("TestDataPattern", _directory);
        Assert.NotNull(await reopened.GetAsync("a"));
        Assert.Null(await reopened.GetAsync("b"));
        Assert.NotNull(await reopened.GetAsync("c"));
        Assert.False(File.Exists(reopened.QuarantinePath));
    }

    [Fact]
    public async Task AByteChangedInAStoredPatternIsQuarantinedWithItsBytesAndAnErrorAndTheOthersLoad()
    {
        string path;
        using (var store = new EmbeddedPatternCollection("DefectPattern", _directory))
        {
            await store.UpsertAsync([EmbeddedStoreTests.Pattern("a", "cart", 1), EmbeddedStoreTests.Pattern("b", "cart", 2), EmbeddedStoreTests.Pattern("c", "cart", 3)]);
            path = store.FilePath;
        }

        // One byte of b changed: the line is still valid JSON, only its checksum can tell.
        var lines = (await File.ReadAllLinesAsync(path)).ToList();
        var index = lines.FindIndex(l => l.Contains("\"id\":\"b\"", StringComparison.Ordinal));
        var damaged = lines[index].Replace("\"entity\":\"cart\"", "\"entity\":\"carT\"", StringComparison.Ordinal);
        Assert.NotEqual(lines[index], damaged);
        lines[index] = damaged;
        await File.WriteAllTextAsync(path, string.Join('\n', lines) + "\n");
        var logs = new LevelledLogs();

        using (var reopened = new EmbeddedPatternCollection("DefectPattern", _directory, logs, null))
        {
            Assert.Equal(2, reopened.Count);
            Assert.Null(await reopened.GetAsync("b"));
            Assert.NotNull(await reopened.GetAsync("a"));
            Assert.Equal(damaged + "\n", await File.ReadAllTextAsync(reopened.QuarantinePath));
            Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains(reopened.QuarantinePath, StringComparison.Ordinal));
        }

        // Quarantined once: the log no longer holds the line, and loading again moves nothing more.
        using var again = new EmbeddedPatternCollection("DefectPattern", _directory);
        Assert.Equal(2, again.Count);
        Assert.DoesNotContain(damaged, await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        Assert.Equal(damaged + "\n", await File.ReadAllTextAsync(again.QuarantinePath));
    }

    [Fact]
    public async Task AnUnfinishedLastLineIsQuarantinedNotErased()
    {
        string path;
        using (var store = new EmbeddedPatternCollection("TestDataPattern", _directory))
        {
            await store.UpsertAsync(EmbeddedStoreTests.Pattern("a", "cart", 1));
            path = store.FilePath;
        }

        const string Tail = "{\"sha256\":\"0123456789abcdef\",\"entry\":{\"op\":\"ups";
        await File.AppendAllTextAsync(path, Tail);

        using var reopened = new EmbeddedPatternCollection("TestDataPattern", _directory);
        Assert.Equal(1, reopened.Count);
        Assert.Equal(Tail + "\n", await File.ReadAllTextAsync(reopened.QuarantinePath));
        Assert.EndsWith("\n", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinesWrittenBeforeChecksumsAreStillRead()
    {
        Directory.CreateDirectory(_directory);
        string path;
        using (var store = new EmbeddedPatternCollection("TestDataPattern", _directory))
        {
            await store.UpsertAsync(EmbeddedStoreTests.Pattern("new", "cart", 1));
            path = store.FilePath;
        }

        // The format before checksums: the entry alone on its line.
        var line = (await File.ReadAllLinesAsync(path)).Single();
        var entry = line[(line.IndexOf("\"entry\":", StringComparison.Ordinal) + "\"entry\":".Length)..^1].Replace("\"id\":\"new\"", "\"id\":\"old\"", StringComparison.Ordinal);
        await File.AppendAllTextAsync(path, entry + "\n");

        using var reopened = new EmbeddedPatternCollection("TestDataPattern", _directory);
        Assert.NotNull(await reopened.GetAsync("old"));
        Assert.NotNull(await reopened.GetAsync("new"));
        Assert.False(File.Exists(reopened.QuarantinePath));
    }

    [Fact]
    public void SyncingADirectoryReallyOpensIt()
    {
        Directory.CreateDirectory(_directory);

        DirectorySync.Flush(_directory);

        Assert.Throws<IOException>(() => DirectorySync.Flush(Path.Combine(_directory, "missing")));
    }

    [Fact]
    public async Task RecordPatternsAnswersUnavailableWhenTheDiskFailsAndTheNextCallIsKept()
    {
        var faults = new FailingWrites();
        var request = new RecordPatternsRequest { Entity = "product", Synthetic = true, Description = "stored after a failed write", Data = Product };
        string id;
        await using (var factory = Factory(services => services.AddSingleton<IPatternCollections>(new FaultyCollections(_directory, faults))))
        {
            var client = Client(factory, out var channel);
            using (channel)
            {
                faults.FailNextWriteAfter(64);
                var error = await Assert.ThrowsAsync<RpcException>(() => client.RecordPatternsAsync(request, deadline: DateTime.UtcNow.Add(s_timeout)).ResponseAsync);
                Assert.Equal(StatusCode.Unavailable, error.StatusCode);
                Assert.Equal(1, faults.Failures);

                id = (await client.RecordPatternsAsync(request, deadline: DateTime.UtcNow.Add(s_timeout))).Ids.Single();
            }
        }

        using var reopened = new EmbeddedPatternCollection("TestDataPattern", _directory);
        var found = await reopened.GetAsync(id);
        Assert.NotNull(found);
        Assert.Contains("Kill Switch", found.Data, StringComparison.Ordinal);
        Assert.Equal(1, reopened.Count);
    }

    [SmallFileSystemFact]
    public async Task OnAFullFileSystemAWriteIsUnavailableHealthIsDegradedAndNothingAcknowledgedIsLost()
    {
        using var disk = SmallFileSystem.Mount(1024 * 1024);
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:redis"] = "",
            ["Rag:DataDirectory"] = disk.Path,
            ["Rag:SeedOnStartup"] = "false",
            ["Rag:Embedded:MinFreeDiskBytes"] = (256 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Health is read right after the disk frees up: no reused probe answer.
            ["Health:ProbeCacheSeconds"] = "0",
            // The large write's line must outgrow the space left, so its description is longer than the default allows.
            ["Rag:MaxDescriptionChars"] = "20000",
        };
        var first = new RecordPatternsRequest { Entity = "product", Synthetic = true, Description = "recorded while there is room", Data = Product };
        var large = new RecordPatternsRequest { Entity = "product", Synthetic = true, Description = new string('d', 20_000), Data = Product };
        string kept;
        string again;
        await using (var api = ApiHost.Start(settings))
        {
            kept = (await api.Client.RecordPatternsAsync(first, deadline: DateTime.UtcNow.Add(s_timeout))).Ids.Single();
            var log = Path.Combine(disk.Path, "TestDataPattern.jsonl");
            var length = new FileInfo(log).Length;
            var filler = Fill(disk.Path, leave: 8 * 1024);

            var error = await Assert.ThrowsAsync<RpcException>(() => api.Client.RecordPatternsAsync(large, deadline: DateTime.UtcNow.Add(s_timeout)).ResponseAsync);
            var health = await api.Client.HealthCheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.Add(s_timeout));

            Assert.Equal(StatusCode.Unavailable, error.StatusCode);
            Assert.Equal(length, new FileInfo(log).Length);
            Assert.Equal("degraded", health.Components["vector_store"]);

            File.Delete(filler);
            again = (await api.Client.RecordPatternsAsync(large, deadline: DateTime.UtcNow.Add(s_timeout))).Ids.Single();
            health = await api.Client.HealthCheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.Add(s_timeout));
            Assert.Equal("healthy", health.Components["vector_store"]);
        }

        using var reopened = new EmbeddedPatternCollection("TestDataPattern", disk.Path);
        Assert.NotNull(await reopened.GetAsync(kept));
        Assert.NotNull(await reopened.GetAsync(again));
        Assert.False(File.Exists(reopened.QuarantinePath));
    }

    // Fills the file system until `leave` bytes (or fewer) are free; the filler file's path.
    private static string Fill(string directory, long leave)
    {
        var filler = Path.Combine(directory, "filler");
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
        var block = new byte[4096];
        while (new DriveInfo(directory).AvailableFreeSpace > leave + block.Length)
        {
            stream.Write(block);
        }

        return filler;
    }

    private static WebApplicationFactory<ApiAssembly::Program> Factory(Action<IServiceCollection> replace)
    {
        var factory = new WebApplicationFactory<ApiAssembly::Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("GRPC_PORT", "0");
            web.UseSetting("HTTP_PORT", "0");
            web.UseSetting("ConnectionStrings:redis", "");
            web.UseSetting("Rag:SeedOnStartup", "false");
            web.UseSetting("Rag:DataDirectory", Path.Combine(Path.GetTempPath(), $"tda-unused-{Guid.NewGuid():N}"));
            web.ConfigureTestServices(replace);
        });
        factory.UseKestrel();
        factory.StartServer();
        return factory;
    }

    private static TestDataService.TestDataServiceClient Client(WebApplicationFactory<ApiAssembly::Program> factory, out GrpcChannel channel)
    {
        channel = GrpcChannel.ForAddress(ApiHost.BoundAddresses(factory.Services).Grpc);
        return new TestDataService.TestDataServiceClient(channel);
    }

    /// <summary>The embedded store with its appends written through <see cref="FailingWrites"/>.</summary>
    private sealed class FaultyCollections(string directory, FailingWrites faults) : IPatternCollections
    {
        private readonly EmbeddedPatternCollection[] _collections =
            [.. Enum.GetValues<PatternCategory>().Select(kind => new EmbeddedPatternCollection(kind.CollectionName(), directory, null, faults.Through))];

        public string StoreName => "embedded";

        public VectorStoreCollection<string, StoredPattern> Collection(PatternCategory kind) => _collections[(int)kind];
    }
}
