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
/// cannot be read are quarantined, never erased (<see cref="PatternLog"/>).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A VectorStoreCollection, named as the ecosystem names them.")]
public sealed partial class EmbeddedPatternCollection : VectorStoreCollection<string, StoredPattern>
{
    // Compact when the log holds this many more lines than live records (superseded upserts and deletes).
    private const int CompactionSlack = 1_000;

    private readonly PatternLog _log;
    private readonly ILogger _logger;
    private readonly Lock _writeGate = new();
    private volatile PatternSnapshot? _snapshot;

    public EmbeddedPatternCollection(string name, string directory, ILogger<EmbeddedPatternCollection>? logger = null)
        : this(name, directory, logger, writeThrough: null)
    {
    }

    // writeThrough: the stream appends are written through, given the log's file stream (the seam for fault injection).
    internal EmbeddedPatternCollection(string name, string directory, ILogger? logger, Func<Stream, Stream>? writeThrough)
    {
        Name = name;
        _logger = logger ?? NullLogger.Instance;
        _log = new PatternLog(Path.Combine(directory, $"{name}.jsonl"), _logger, writeThrough);
    }

    public override string Name { get; }

    /// <summary>The log file, for operators and tests.</summary>
    public string FilePath => _log.Path;

    /// <summary>Where lines that could not be read are moved, byte for byte.</summary>
    public string QuarantinePath => _log.QuarantinePath;

    /// <summary>How many records the collection holds.</summary>
    public int Count => Load().Records.Count;

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

    public override Task DeleteAsync(string key, CancellationToken cancellationToken = default) => DeleteAsync([key], cancellationToken);

    public override Task DeleteAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var ids = keys.ToList();
        lock (_writeGate)
        {
            var current = Load();
            var present = ids.Where(current.Records.ContainsKey).ToList();
            if (present.Count == 0)
            {
                return Task.CompletedTask;
            }

            Write("delete", () =>
            {
                _log.Create();
                _log.AppendDeletes(present);
            });
            var records = new Dictionary<string, StoredPattern>(current.Records, StringComparer.Ordinal);
            foreach (var id in present)
            {
                records.Remove(id);
            }

            Publish(records);
        }

        return Task.CompletedTask;
    }

    public override Task UpsertAsync(StoredPattern record, CancellationToken cancellationToken = default) => UpsertAsync([record], cancellationToken);

    /// <summary>Returns once the records are on the disk (flushed with fsync).</summary>
    public override Task UpsertAsync(IEnumerable<StoredPattern> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var batch = records.Select(r => Validate(r).Copy(includeVectors: true)).ToList();
        if (batch.Count == 0)
        {
            return Task.CompletedTask;
        }

        lock (_writeGate)
        {
            var current = Load();
            Write("upsert", () =>
            {
                _log.Create();
                _log.AppendUpserts(batch);
            });
            var updated = new Dictionary<string, StoredPattern>(current.Records, StringComparer.Ordinal);
            foreach (var record in batch)
            {
                updated[record.Id] = record;
            }

            if (_log.LineCount > updated.Count + CompactionSlack)
            {
                try
                {
                    _log.Compact(updated.Values.OrderBy(r => r.Id, StringComparer.Ordinal));
                }
                catch (IOException ex)
                {
                    // The write itself is on the disk and acknowledged; the log is only longer than it needs to be.
                    LogCompactionFailed(ex, _log.Path);
                }
            }

            Publish(updated);
        }

        return Task.CompletedTask;
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

    private PatternSnapshot Load()
    {
        if (_snapshot is { } loaded)
        {
            return loaded;
        }

        lock (_writeGate)
        {
            if (_snapshot is { } raced)
            {
                return raced;
            }

            var (records, damaged) = _log.Load();
            if (damaged.Count > 0)
            {
                try
                {
                    // Copied out (and synced) first: only then may the log be rewritten without them.
                    _log.Quarantine(damaged);
                    _log.Compact(records.Values.OrderBy(r => r.Id, StringComparer.Ordinal));
                }
                catch (IOException ex)
                {
                    // The log is left as it is: the damaged lines stay in it, and an unfinished tail is quarantined before the next write.
                    LogQuarantineFailed(ex, _log.Path, damaged.Count);
                }
            }

            return Publish(records);
        }
    }

    // A failed write to the disk is a store failure, as the ecosystem's connectors report one: nothing was acknowledged.
    private void Write(string operation, Action write)
    {
        try
        {
            write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new VectorStoreException($"Writing to the embedded pattern store {Name} failed: {ex.Message}", ex)
            {
                VectorStoreSystemName = "embedded",
                CollectionName = Name,
                OperationName = operation,
            };
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pattern store {Path}: compaction failed; the log keeps its superseded lines until the next one")]
    private partial void LogCompactionFailed(Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pattern store {Path}: {Count} unreadable line(s) could not be quarantined; the log is kept as it is and they are not loaded")]
    private partial void LogQuarantineFailed(Exception exception, string path, int count);

    private PatternSnapshot Publish(Dictionary<string, StoredPattern> records)
    {
        var snapshot = new PatternSnapshot(records);
        _snapshot = snapshot;
        return snapshot;
    }
}
