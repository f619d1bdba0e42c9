using System.Linq.Expressions;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.VectorData;
using TestDataAgent.Generators.Rag.Store;

namespace TestDataAgent.Api.Infrastructure.PatternStore;

/// <summary>
/// A vector collection in process, persisted as an append-only log (<see cref="PatternLog"/>) under a directory.
/// Search is exact: cosine similarity (<see cref="TensorPrimitives.CosineSimilarity(ReadOnlySpan{float}, ReadOnlySpan{float})"/>)
/// against every record of the filtered partition (records are grouped by entity and domain, the filter every RAG search
/// uses), which for tens of thousands of patterns takes about a millisecond. Readers never wait: writes replace an
/// immutable snapshot.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A VectorStoreCollection, named as the ecosystem names them.")]
public sealed partial class EmbeddedPatternCollection : VectorStoreCollection<string, StoredPattern>
{
    // Compact when the log holds this many more lines than live records (superseded upserts and deletes).
    private const int CompactionSlack = 1_000;

    private readonly PatternLog _log;
    private readonly Lock _writeGate = new();
    private volatile PatternSnapshot? _snapshot;

    public EmbeddedPatternCollection(string name, string directory)
    {
        Name = name;
        _log = new PatternLog(Path.Combine(directory, $"{name}.jsonl"));
    }

    public override string Name { get; }

    /// <summary>The log file, for operators and tests.</summary>
    public string FilePath => _log.Path;

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

            _log.Create();
            _log.AppendDeletes(present);
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
            _log.Create();
            _log.AppendUpserts(batch);
            var updated = new Dictionary<string, StoredPattern>(current.Records, StringComparer.Ordinal);
            foreach (var record in batch)
            {
                updated[record.Id] = record;
            }

            if (_log.LineCount > updated.Count + CompactionSlack)
            {
                _log.Compact(updated.Values.OrderBy(r => r.Id, StringComparer.Ordinal));
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
            if (damaged)
            {
                // A torn tail (crash mid-append): rewrite the log without it, so the next append starts on a clean line.
                _log.Compact(records.Values.OrderBy(r => r.Id, StringComparer.Ordinal));
            }

            return Publish(records);
        }
    }

    private PatternSnapshot Publish(Dictionary<string, StoredPattern> records)
    {
        var snapshot = new PatternSnapshot(records);
        _snapshot = snapshot;
        return snapshot;
    }
}
