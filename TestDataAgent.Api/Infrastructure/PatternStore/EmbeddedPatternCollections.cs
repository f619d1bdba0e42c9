using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.VectorData;

using TestDataAgent.Generators.Rag;
using TestDataAgent.Generators.Rag.Store;

namespace TestDataAgent.Api.Infrastructure.PatternStore;

/// <summary>
/// The embedded store: one <see cref="EmbeddedPatternCollection"/> file per collection under a directory. It is ready
/// while the disk under it has at least <see cref="EmbeddedStoreOptions.MinFreeDiskBytes"/> free; below that, writes may
/// soon fail, and health says so (degraded: RAG falls back to traditional records, nothing stops). Each collection keeps
/// within <see cref="EmbeddedStoreOptions.MaxPatternsPerCollection"/> and <see cref="EmbeddedStoreOptions.MaxBytesPerCollection"/>.
/// </summary>
public sealed class EmbeddedPatternCollections : IPatternCollections, IReadinessProbe, IDisposable
{
    private readonly EmbeddedPatternCollection[] _collections;
    private readonly long _minFreeDiskBytes;

    public EmbeddedPatternCollections(string directory, ILoggerFactory? loggerFactory = null, EmbeddedStoreOptions? options = null, PatternStoreMetrics? metrics = null)
    {
        Directory = directory;
        options ??= new EmbeddedStoreOptions();
        _minFreeDiskBytes = options.MinFreeDiskBytes;
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<EmbeddedPatternCollection>();
        _collections = [.. Enum.GetValues<PatternCategory>()
            .Select(kind => new EmbeddedPatternCollection(kind.CollectionName(), directory, logger, writeThrough: null, options.Budget, metrics))];
    }

    public string StoreName => "embedded";

    public string Directory { get; }

    public VectorStoreCollection<string, StoredPattern> Collection(PatternCategory kind) => _collections[(int)kind];

    /// <summary>The default directory: LocalApplicationData/TestDataAgent/rag, or <c>rag-data</c> under <paramref name="contentRoot"/>.</summary>
    public static string DefaultDirectory(string contentRoot)
    {
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return string.IsNullOrEmpty(local) ? Path.Combine(contentRoot, "rag-data") : Path.Combine(local, "TestDataAgent", "rag");
    }

    /// <summary>Whether the disk under <see cref="Directory"/> has the free space writes need.</summary>
    public Task<(bool Ready, string Detail)> ProbeAsync(CancellationToken cancellationToken)
    {
        var free = FreeBytes();
        var setting = $"{EmbeddedStoreOptions.SectionName}:{nameof(EmbeddedStoreOptions.MinFreeDiskBytes)}";
        return Task.FromResult(free < _minFreeDiskBytes
            ? (false, $"embedded store: {free} bytes free under {Directory}, below {setting} ({_minFreeDiskBytes}); writes may fail")
            : (true, $"embedded store: {free} bytes free"));
    }

    public void Dispose()
    {
        foreach (var collection in _collections)
        {
            collection.Dispose();
        }
    }

    // The directory may not exist before the first write: its nearest existing ancestor is on the same disk.
    private long FreeBytes()
    {
        var existing = new DirectoryInfo(Path.GetFullPath(Directory));
        while (!existing.Exists && existing.Parent is { } parent)
        {
            existing = parent;
        }

        return new DriveInfo(existing.FullName).AvailableFreeSpace;
    }
}
