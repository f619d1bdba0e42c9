using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using TestDataAgent.Generators.Rag.Store;

namespace TestDataAgent.Api.Infrastructure.PatternStore;

/// <summary>
/// The embedded store's file: one JSON object per line, each carrying a checksum of its entry
/// (<c>{"sha256":"…","entry":{…}}</c>, the first 8 bytes of SHA-256 in hex). Nothing acknowledged is ever lost:
/// <list type="bullet">
/// <item>a write returns only once its lines are on the disk (<c>fsync</c>; for a new file, its directory too);</item>
/// <item>a write that fails part-way (a full disk) is cut back to the last complete record before the error is
/// reported, and every append first cuts back anything after it, so no later record lands on a torn line;</item>
/// <item>at load, a line whose checksum or content does not hold, and an unfinished last line, are copied byte for byte
/// to <see cref="QuarantinePath"/> (synced) and logged before the log is rewritten without them: never erased;</item>
/// <item>compaction writes a temporary file, syncs it, renames it over the log and syncs the directory: a crash
/// leaves the old log or the new one.</item>
/// </list>
/// Lines written before checksums (plain <c>{"op":…}</c>) are still read, and rewritten with checksums at the next compaction.
/// </summary>
internal sealed partial class PatternLog
{
    private const int HashHexLength = 16;

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static ReadOnlySpan<byte> Prefix => "{\"sha256\":\""u8;

    private static ReadOnlySpan<byte> Middle => "\",\"entry\":"u8;

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

    /// <summary>Replays the log: the live records by ID, and the lines that could not be used (to quarantine).</summary>
    public (Dictionary<string, StoredPattern> Records, IReadOnlyList<DamagedLine> Damaged) Load()
    {
        var records = new Dictionary<string, StoredPattern>(StringComparer.Ordinal);
        var damaged = new List<DamagedLine>();
        LineCount = 0;
        _goodLength = 0;
        _tailNotQuarantined = false;
        if (!File.Exists(Path))
        {
            return (records, damaged);
        }

        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
        var line = new ArrayBufferWriter<byte>();
        var buffer = new byte[1 << 16];
        var lineStart = 0L;
        var number = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            var rest = buffer.AsSpan(0, read);
            while (!rest.IsEmpty)
            {
                var end = rest.IndexOf((byte)'\n');
                if (end < 0)
                {
                    line.Write(rest);
                    break;
                }

                line.Write(rest[..end]);
                rest = rest[(end + 1)..];
                number++;
                Replay(line.WrittenSpan, number, lineStart, records, damaged);
                lineStart += line.WrittenCount + 1;
                line.ResetWrittenCount();
            }
        }

        if (line.WrittenCount > 0)
        {
            // A crash in the middle of an append: an unfinished line, never acknowledged.
            damaged.Add(new DamagedLine(number + 1, lineStart, "an unfinished last line (a write interrupted by a crash)", line.WrittenSpan.ToArray(), IsTail: true));
            _tailNotQuarantined = true;
        }

        _goodLength = lineStart;
        return (records, damaged);
    }

    /// <summary>
    /// Copies <paramref name="damaged"/> to <see cref="QuarantinePath"/>, synced, and logs each; throws
    /// <see cref="IOException"/> when it cannot, and then nothing may be dropped from the log.
    /// </summary>
    public void Quarantine(IReadOnlyList<DamagedLine> damaged)
    {
        if (damaged.Count == 0)
        {
            return;
        }

        var created = !File.Exists(QuarantinePath);
        using (var stream = new FileStream(QuarantinePath, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 1))
        {
            foreach (var line in damaged)
            {
                stream.Write(line.Bytes);
                stream.WriteByte((byte)'\n');
            }

            stream.Flush(flushToDisk: true);
        }

        if (created)
        {
            DirectorySync.Flush(Directory);
        }

        foreach (var line in damaged)
        {
            if (line.IsTail)
            {
                LogTailQuarantined(Path, line.Number, line.Offset, line.Bytes.Length, QuarantinePath);
            }
            else
            {
                LogLineQuarantined(Path, line.Number, line.Offset, line.Reason, QuarantinePath);
            }
        }

        if (damaged.Any(d => d.IsTail))
        {
            _tailNotQuarantined = false;
        }
    }

    public void AppendUpserts(IReadOnlyList<StoredPattern> records) =>
        Append(records.Select(r => new LogLine { Op = "upsert", Record = PatternLine.From(r) }));

    public void AppendDeletes(IReadOnlyList<string> ids) =>
        Append(ids.Select(id => new LogLine { Op = "delete", Id = id }));

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
                    stream.Write(Encode(new LogLine { Op = "upsert", Record = PatternLine.From(record) }));
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

    private void Append(IEnumerable<LogLine> entries)
    {
        var bytes = entries.Select(Encode).ToList();
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

    // Bytes after the last complete record: our own failed write (cut it), or a tail found at load (quarantine it first).
    private void CutBackTornTail(FileStream file)
    {
        if (file.Length <= _goodLength)
        {
            return;
        }

        if (_tailNotQuarantined)
        {
            var tail = new byte[file.Length - _goodLength];
            using (var reader = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1))
            {
                reader.Position = _goodLength;
                reader.ReadExactly(tail);
            }

            Quarantine([new DamagedLine(LineCount + 1, _goodLength, "an unfinished last line", tail, IsTail: true)]);
        }

        file.SetLength(_goodLength);
        file.Flush(flushToDisk: true);
    }

    private static byte[] Encode(LogLine entry)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(entry, s_json);
        var line = new byte[Prefix.Length + HashHexLength + Middle.Length + json.Length + 2];
        var span = line.AsSpan();
        Prefix.CopyTo(span);
        WriteHash(json, span.Slice(Prefix.Length, HashHexLength));
        Middle.CopyTo(span[(Prefix.Length + HashHexLength)..]);
        json.CopyTo(span[(Prefix.Length + HashHexLength + Middle.Length)..]);
        span[^2] = (byte)'}';
        span[^1] = (byte)'\n';
        return line;
    }

    private static void WriteHash(ReadOnlySpan<byte> json, Span<byte> destination)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(json, hash);
        _ = Convert.TryToHexStringLower(hash[..(HashHexLength / 2)], destination, out _);
    }

    private static void Replay(ReadOnlySpan<byte> line, int number, long offset, Dictionary<string, StoredPattern> records, List<DamagedLine> damaged)
    {
        if (line.IsEmpty)
        {
            return;
        }

        switch (Decode(line))
        {
            case { Error: { } error }:
                damaged.Add(new DamagedLine(number, offset, error, line.ToArray(), IsTail: false));
                break;
            case { Upsert: { } record }:
                records[record.Id] = record;
                break;
            case { DeleteId: { } id }:
                records.Remove(id);
                break;
        }
    }

    // What a line says (a record to upsert or an ID to delete), or why it cannot be used: a checksum that does not hold,
    // JSON that does not parse, or content that does not make a record (a vector that is not base64 of the right size).
    private static (StoredPattern? Upsert, string? DeleteId, string? Error) Decode(ReadOnlySpan<byte> line)
    {
        var json = line;
        if (line.StartsWith(Prefix))
        {
            var headerLength = Prefix.Length + HashHexLength + Middle.Length;
            if (line.Length < headerLength + 2 || !line.Slice(Prefix.Length + HashHexLength, Middle.Length).SequenceEqual(Middle) || line[^1] != (byte)'}')
            {
                return (null, null, "the line's frame is damaged");
            }

            json = line[headerLength..^1];
            Span<byte> expected = stackalloc byte[HashHexLength];
            WriteHash(json, expected);
            if (!expected.SequenceEqual(line.Slice(Prefix.Length, HashHexLength)))
            {
                return (null, null, "its checksum does not match its content");
            }
        }

        try
        {
            return JsonSerializer.Deserialize<LogLine>(json, s_json) switch
            {
                { Op: "upsert", Record: { Id.Length: > 0 } written } when written.ToPattern() is { Embedding.Length: StoredPattern.Dimensions } record => (record, null, null),
                { Op: "upsert" } => (null, null, "an upsert without a usable record"),
                { Op: "delete", Id: { Length: > 0 } id } => (null, id, null),
                _ => (null, null, "not an upsert or a delete"),
            };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException)
        {
            return (null, null, $"its content does not parse ({ex.GetType().Name})");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Pattern store {Path}: line {Line} (byte {Offset}) is corrupt: {Reason}. It was moved, byte for byte, to {Quarantine}; the other records are loaded")]
    private partial void LogLineQuarantined(string path, int line, long offset, string reason, string quarantine);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pattern store {Path}: line {Line} (byte {Offset}, {Length} bytes) is unfinished, a write interrupted by a crash and never acknowledged. It was moved to {Quarantine}")]
    private partial void LogTailQuarantined(string path, int line, long offset, int length, string quarantine);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pattern store {Path}: a write failed and was cut back to the last complete record (byte {Length}); nothing of it was acknowledged")]
    private partial void LogWriteCutBack(Exception exception, string path, long length);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pattern store {Path}: a write failed and could not be cut back to byte {Length} yet; the next write cuts it back first")]
    private partial void LogCutBackFailed(Exception exception, string path, long length);

    private sealed class LogLine
    {
        public string Op { get; set; } = "";

        public string? Id { get; set; }

        public PatternLine? Record { get; set; }
    }

    /// <summary>A stored pattern as written; the vector as base64 of its little-endian floats (exact and compact).</summary>
    private sealed class PatternLine
    {
        public string Id { get; set; } = "";
        public string Domain { get; set; } = "";
        public string Entity { get; set; } = "";
        public string Scenario { get; set; } = "";
        public string Description { get; set; } = "";
        public string Data { get; set; } = "{}";
        public string Distributions { get; set; } = "";
        public string Severity { get; set; } = "";
        public double QualityScore { get; set; }
        public long UsageCount { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public string EmbeddedText { get; set; } = "";
        public string Embedding { get; set; } = "";

        public static PatternLine From(StoredPattern p) => new()
        {
            Id = p.Id,
            Domain = p.Domain,
            Entity = p.Entity,
            Scenario = p.Scenario,
            Description = p.Description,
            Data = p.Data,
            Distributions = p.Distributions,
            Severity = p.Severity,
            QualityScore = p.QualityScore,
            UsageCount = p.UsageCount,
            CreatedAt = p.CreatedAt,
            EmbeddedText = p.EmbeddedText,
            Embedding = Convert.ToBase64String(MemoryMarshal.AsBytes(p.Embedding.Span)),
        };

        public StoredPattern ToPattern() => new()
        {
            Id = Id,
            Domain = Domain,
            Entity = Entity,
            Scenario = Scenario,
            Description = Description,
            Data = Data,
            Distributions = Distributions,
            Severity = Severity,
            QualityScore = QualityScore,
            UsageCount = UsageCount,
            CreatedAt = CreatedAt,
            EmbeddedText = EmbeddedText,
            Embedding = MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(Embedding)).ToArray(),
        };
    }
}
