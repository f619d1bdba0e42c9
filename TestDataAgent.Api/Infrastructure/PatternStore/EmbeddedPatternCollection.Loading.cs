namespace TestDataAgent.Api.Infrastructure.PatternStore;

/// <summary>Loading the log on first use: within the budget, unreadable lines quarantined, the log rewritten without what was dropped.</summary>
public sealed partial class EmbeddedPatternCollection
{
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

            var (records, damaged, evicted) = _log.Load(_budget);
            if (damaged.Count > 0 || evicted > 0)
            {
                try
                {
                    // Copied out (and synced) first: only then may the log be rewritten without them.
                    _log.Quarantine(damaged);
                    _log.Compact(records.Values.OrderBy(r => r.Id, StringComparer.Ordinal));
                }
                catch (IOException ex) when (damaged.Count > 0)
                {
                    // The log is left as it is: the damaged lines stay in it, and an unfinished tail is quarantined before the next write.
                    LogQuarantineFailed(ex, _log.Path, damaged.Count);
                }
                catch (IOException ex)
                {
                    // Evicted in memory only: the next load evicts them again, the next compaction drops them.
                    LogCompactionFailed(ex, _log.Path);
                }
            }

            var snapshot = Publish(records);
            if (evicted > 0)
            {
                LogEvictedAtLoad(_log.Path, evicted, snapshot.Records.Count, snapshot.Bytes, _budget.MaxPatterns, _budget.MaxBytes, PatternBudget.Settings);
                _metrics?.Evicted(Name, evicted, "load");
            }

            return snapshot;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Pattern store {Path}: {Count} unreadable line(s) could not be quarantined; the log is kept as it is and they are not loaded")]
    private partial void LogQuarantineFailed(Exception exception, string path, int count);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Pattern store {Path}: held more than its budget; {Evicted} pattern(s) evicted while loading (recorded before seeds; lowest quality, least used, oldest first), {Count} loaded, about {Bytes} bytes (at most {MaxPatterns} and {MaxBytes}: {Settings})")]
    private partial void LogEvictedAtLoad(string path, int evicted, int count, long bytes, int maxPatterns, long maxBytes, string settings);
}
