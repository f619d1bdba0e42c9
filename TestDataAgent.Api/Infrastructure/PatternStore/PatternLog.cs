using TestDataAgent.Generators.Rag.Store;

namespace TestDataAgent.Api.Infrastructure.PatternStore;

/// <summary>
/// The embedded store's file: one JSON object per line, each carrying a checksum of its entry (<see cref="PatternLogFormat"/>).
/// Nothing acknowledged is ever lost:
/// <list type="bullet">
/// <item>a write returns only once its lines are on the disk (<c>fsync</c>; for a new file, its directory too);</item>
/// <item>a write that fails part-way (a full disk) is cut back to the last complete record before the error is
/// reported, and every append first cuts back anything after it, so no later record lands on a torn line;</item>
/// <item>at load, a line whose checksum or content does not hold, and an unfinished last line, are copied byte for byte
/// to <see cref="QuarantinePath"/> (synced) and logged before the log is rewritten without them: never erased;</item>
/// <item>a write that evicts patterns to keep within the budget writes their deletes first, in the same append, and
/// loading keeps to the budget as it reads, so a restart holds what the store held, never more than the budget;</item>
/// <item>compaction writes a temporary file, syncs it, renames it over the log and syncs the directory: a crash
/// leaves the old log or the new one.</item>
/// </list>
/// </summary>
internal sealed partial class PatternLog
{
    private readonly ILogger _logger;
    private readonly Func<Stream, Stream> _writeThrough;

    // The bytes of complete lines: anything after them is a torn tail (an interrupted write), never a record.
    private long _goodLength;

    // The tail after _goodLength was found at load and could not be quarantined yet, so it must not be cut off.
    private bool _tailNotQuarantined;

    // writeThrough: the stream appends are written through, given the log's file stream (the stream itself by default),
    // the seam where tests make a write fail part-way. Syncing and cutting back always act on the file itself.
    public PatternLog(string path, ILogger logger, Func<Stream, Stream>? writeThrough = null)
    {
        Path = path;
        _logger = logger;
        _writeThrough = writeThrough ?? (stream => stream);
    }

    public string Path { get; }

    /// <summary>Where unreadable lines are moved, byte for byte, one per line.</summary>
    public string QuarantinePath => Path + ".quarantine";

    /// <summary>Lines written since the last compaction (live or superseded).</summary>
    public int LineCount { get; private set; }

    /// <summary>Bytes of complete lines in the file.</summary>
    public long Length => _goodLength;

    public bool Exists => File.Exists(Path);

    private string Directory => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;

    public void Create()
    {
        System.IO.Directory.CreateDirectory(Directory);
        if (!File.Exists(Path))
        {
            using (var stream = new FileStream(Path, FileMode.CreateNew, FileAccess.Write, FileShare.Read))
            {
                stream.Flush(flushToDisk: true);
            }

            DirectorySync.Flush(Directory);
            _goodLength = 0;
        }
    }

    /// <summary>
    /// Appends, as one write, deletes of <paramref name="deletedFirst"/> and then upserts of <paramref name="records"/>:
    /// evictions come first, so replaying the log never holds more than the store held when it wrote it.
    /// </summary>
    public void AppendUpserts(IReadOnlyList<StoredPattern> records, IReadOnlyList<string> deletedFirst) =>
        Append([.. deletedFirst.Select(PatternLogFormat.Delete), .. records.Select(PatternLogFormat.Upsert)]);

    public void AppendDeletes(IReadOnlyList<string> ids) => Append([.. ids.Select(PatternLogFormat.Delete)]);

    /// <summary>Rewrites the log with only <paramref name="records"/>: temporary file, sync, atomic rename, sync of the directory.</summary>
    public void Compact(IEnumerable<StoredPattern> records)
    {
        var temporary = Path + ".tmp";
        var lines = 0;
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                foreach (var record in records)
                {
                    stream.Write(PatternLogFormat.Upsert(record));
                    lines++;
                }

                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite: true);
            DirectorySync.Flush(Directory);
        }
        catch (IOException)
        {
            File.Delete(temporary);
            throw;
        }

        LineCount = lines;
        _goodLength = new FileInfo(Path).Length;
        _tailNotQuarantined = false;
    }

    private void Append(IReadOnlyList<byte[]> bytes)
    {
        using var file = new FileStream(Path, FileMode.Open, FileAccess.Write, FileShare.Read, bufferSize: 1);
        CutBackTornTail(file);
        file.Position = _goodLength;
        try
        {
            var target = _writeThrough(file);
            foreach (var line in bytes)
            {
                target.Write(line);
            }

            target.Flush();
            file.Flush(flushToDisk: true);
        }
        catch (IOException ex)
        {
            // Nothing of this write was acknowledged: cut it off now, or before the next append if even that fails.
            try
            {
                file.SetLength(_goodLength);
                file.Flush(flushToDisk: true);
                LogWriteCutBack(ex, Path, _goodLength);
            }
            catch (IOException cut)
            {
                LogCutBackFailed(cut, Path, _goodLength);
            }

            throw;
        }

        _goodLength = file.Position;
        LineCount += bytes.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Pattern store {Path}: a write failed and was cut back to the last complete record (byte {Length}); nothing of it was acknowledged")]
    private partial void LogWriteCutBack(Exception exception, string path, long length);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pattern store {Path}: a write failed and could not be cut back to byte {Length} yet; the next write cuts it back first")]
    private partial void LogCutBackFailed(Exception exception, string path, long length);
}
