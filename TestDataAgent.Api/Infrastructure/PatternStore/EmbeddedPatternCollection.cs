using System.Linq.Expressions;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.VectorData;
using TestDataAgent.Generators.Rag.Store;

namespace TestDataAgent.Api.Infrastructure.PatternStore;

/// <summary>
/// A vector collection in process, persisted as an append-only log (<see cref="PatternLog"/>) under a directory.
/// Search is exact: cosine similarity (<see cref="TensorPrimitives.CosineSimilarity(ReadOnlySpan{float}, ReadOnlySpan{float})"/>)
/// against every record of the filtered partition (records are grouped by entity and domain, the filter every RAG search
/// uses), which for tens of thousands of patterns takes about a millisecond. Readers never wait: writes replace an
/// immutable snapshot. A write returns only once it is on the disk; one that fails (a full disk) leaves no trace in the
/// log and is reported as a <see cref="VectorStoreException"/>, which callers answer with <c>UNAVAILABLE</c>. Lines that
/// cannot be read are quarantined, never erased (<see cref="PatternLog"/>). The collection keeps within a
/// <see cref="PatternBudget"/> (patterns and bytes): a write evicts what the eviction order puts first, and loading holds
/// no more than the budget, whatever the log holds. Writes and eviction: <c>.Writes.cs</c>; loading: <c>.Loading.cs</c>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A VectorStoreCollection, named as the ecosystem names them.")]
public sealed partial class EmbeddedPatternCollection : VectorStoreCollection<string, StoredPattern>
{
    private readonly PatternLog _log;
    private readonly ILogger _logger;
    private readonly PatternBudget _budget;
    private readonly PatternStoreMetrics? _metrics;
    private readonly Lock _writeGate = new();
    private volatile PatternSnapshot? _snapshot;

    public EmbeddedPatternCollection(string name, string directory, ILogger<EmbeddedPatternCollection>? logger = null)
        : this(name, directory, logger, writeThrough: null)
    {
    }

    // writeThrough: the stream appends are written through, given the log's file stream (the seam for fault injection).
    internal EmbeddedPatternCollection(string name, string directory, ILogger? logger, Func<Stream, Stream>? writeThrough,
        PatternBudget? budget = null, PatternStoreMetrics? metrics = null)
    {
        Name = name;
        _logger = logger ?? NullLogger.Instance;
        _log = new PatternLog(Path.Combine(directory, $"{name}.jsonl"), _logger, writeThrough);
        _budget = budget ?? PatternBudget.Default;
        _metrics = metrics;
        metrics?.Track(this);
    }

    public override string Name { get; }

    /// <summary>The log file, for operators and tests.</summary>
    public string FilePath => _log.Path;

    /// <summary>Where lines that could not be read are moved, byte for byte.</summary>
    public string QuarantinePath => _log.QuarantinePath;

    /// <summary>How many records the collection holds.</summary>
    public int Count => Load().Records.Count;

    /// <summary>About how many bytes of memory its records take (<see cref="PatternBudget.Footprint"/>).</summary>
    public long Bytes => Load().Bytes;

    /// <summary>What the collection holds once loaded (nothing before): read by the metrics, which must not load it.</summary>
    internal (long Count, long Bytes) Usage => _snapshot is { } loaded ? (loaded.Records.Count, loaded.Bytes) : (0, 0);

    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) => Task.FromResult(_log.Exists);

    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        lock (_writeGate)
        {
            _log.Create();
        }

        return Task.CompletedTask;
    }

    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default)
    {
        lock (_writeGate)
        {
            File.Delete(_log.Path);
            _snapshot = PatternSnapshot.Empty;
        }

        return Task.CompletedTask;
    }

    public override Task<StoredPattern?> GetAsync(string key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Task.FromResult(Load().Records.TryGetValue(key, out var record) ? record.Copy(options?.IncludeVectors ?? true) : null);
    }

    public override async IAsyncEnumerable<StoredPattern> GetAsync(Expression<Func<StoredPattern, bool>> filter, int top,
        FilteredRecordRetrievalOptions<StoredPattern>? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (options?.OrderBy is not null)
        {
            throw new NotSupportedException("The embedded pattern store returns filtered records in ID order; OrderBy is not supported.");
        }

        var equalities = PatternFilter.Parse(filter);
        var matches = Candidates(Load(), equalities).OrderBy(r => r.Id, StringComparer.Ordinal).Skip(options?.Skip ?? 0).Take(top);
        foreach (var record in matches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record.Copy(options?.IncludeVectors ?? false);
        }

        await Task.CompletedTask;
    }

    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    private static StoredPattern Validate(StoredPattern record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (string.IsNullOrEmpty(record.Id))
        {
            throw new ArgumentException("A stored pattern needs an Id.", nameof(record));
        }

        return record.Embedding.Length == StoredPattern.Dimensions
            ? record
            : throw new ArgumentException($"Pattern {record.Id} has a {record.Embedding.Length}-dimension vector; the collection's have {StoredPattern.Dimensions}.", nameof(record));
    }
}
