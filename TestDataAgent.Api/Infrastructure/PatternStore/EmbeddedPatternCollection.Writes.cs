using Microsoft.Extensions.VectorData;
using TestDataAgent.Generators.Rag.Store;

namespace TestDataAgent.Api.Infrastructure.PatternStore;

/// <summary>Upserts and deletes: on the disk before they return, within the budget, compacted now and then.</summary>
public sealed partial class EmbeddedPatternCollection
{
    // Compact when the log holds this many more lines than live records (superseded upserts, deletes, evictions) …
    private const int CompactionSlack = 1_000;

    // … or more than twice the live records' footprint and this much besides, so the disk too stays proportional to the budget.
    private const long CompactionSlackBytes = 4 * 1024 * 1024;

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

    /// <summary>
    /// Returns once the records are on the disk (flushed with fsync). When the collection would then be over its budget,
    /// the patterns the eviction order puts first are evicted in the same write, the records being written last of all:
    /// only a batch larger than the whole budget loses some of its own (those are not written).
    /// </summary>
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
            var updated = new Dictionary<string, StoredPattern>(current.Records, StringComparer.Ordinal);
            var bytes = current.Bytes;
            foreach (var record in batch)
            {
                if (updated.Remove(record.Id, out var replaced))
                {
                    bytes -= PatternBudget.Footprint(replaced);
                }

                updated[record.Id] = record;
                bytes += PatternBudget.Footprint(record);
            }

            var victims = _budget.Victims(updated, bytes, batch.Select(r => r.Id).ToHashSet(StringComparer.Ordinal));
            var evicted = victims.Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
            var written = evicted.Count == 0 ? batch : batch.Where(r => !evicted.Contains(r.Id)).ToList();
            var deletes = victims.Where(v => current.Records.ContainsKey(v.Id)).Select(v => v.Id).ToList();
            if (written.Count > 0 || deletes.Count > 0)
            {
                Write("upsert", () =>
                {
                    _log.Create();
                    _log.AppendUpserts(written, deletes);
                });
            }

            foreach (var victim in victims)
            {
                updated.Remove(victim.Id);
                bytes -= PatternBudget.Footprint(victim);
            }

            if (victims.Count > 0)
            {
                LogEvicted(Name, victims.Count, updated.Count, bytes, _budget.MaxPatterns, _budget.MaxBytes, PatternBudget.Settings);
                _metrics?.Evicted(Name, victims.Count, "write");
            }

            if (_log.LineCount > updated.Count + CompactionSlack || _log.Length > (2 * bytes) + CompactionSlackBytes)
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

    private PatternSnapshot Publish(Dictionary<string, StoredPattern> records)
    {
        var snapshot = new PatternSnapshot(records);
        _snapshot = snapshot;
        return snapshot;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Pattern store {Collection}: evicted {Evicted} pattern(s) (recorded before seeds; lowest quality, least used, oldest first) to keep within its budget; it holds {Count} pattern(s), about {Bytes} bytes (at most {MaxPatterns} and {MaxBytes}: {Settings})")]
    private partial void LogEvicted(string collection, int evicted, int count, long bytes, int maxPatterns, long maxBytes, string settings);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pattern store {Path}: compaction failed; the log keeps its superseded lines until the next one")]
    private partial void LogCompactionFailed(Exception exception, string path);
}
