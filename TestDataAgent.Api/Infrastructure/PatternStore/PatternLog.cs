using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

using TestDataAgent.Generators.Rag.Store;

namespace TestDataAgent.Api.Infrastructure.PatternStore;

/// <summary>
/// The embedded store's file: one JSON object per line, appended and flushed to the disk (<c>fsync</c>) before a write
/// returns, so an acknowledged write survives a crash or <c>kill -9</c>. Loading replays the lines; a torn last line
/// (a crash mid-append) is skipped and cut off. Compaction writes the live records to a temporary file, flushes it
/// and renames it over the log, which is atomic: a crash leaves either the old log or the new one.
/// </summary>
internal sealed class PatternLog(string path)
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Path { get; } = path;

    /// <summary>Lines written since the last compaction (live or superseded).</summary>
    public int LineCount { get; private set; }

    public bool Exists => File.Exists(Path);

    public void Create()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        if (!File.Exists(Path))
        {
            using var stream = new FileStream(Path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
            stream.Flush(flushToDisk: true);
        }
    }

    /// <summary>Replays the log: the live records by ID, and whether a torn or unreadable line was skipped.</summary>
    public (Dictionary<string, StoredPattern> Records, bool Damaged) Load()
    {
        var records = new Dictionary<string, StoredPattern>(StringComparer.Ordinal);
        if (!File.Exists(Path))
        {
            return (records, false);
        }

        var damaged = false;
        LineCount = 0;
        using var reader = new StreamReader(new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite), Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            LogLine? entry;
            try
            {
                entry = JsonSerializer.Deserialize<LogLine>(line, s_json);
            }
            catch (JsonException)
            {
                damaged = true;
                continue;
            }

            LineCount++;
            switch (entry)
            {
                case { Op: "upsert", Record: { } record }:
                    records[record.Id] = record.ToPattern();
                    break;
                case { Op: "delete", Id: { } id }:
                    records.Remove(id);
                    break;
                default:
                    damaged = true;
                    break;
            }
        }

        return (records, damaged);
    }

    public void AppendUpserts(IReadOnlyList<StoredPattern> records) =>
        Append(records.Select(r => new LogLine { Op = "upsert", Record = PatternLine.From(r) }));

    public void AppendDeletes(IReadOnlyList<string> ids) =>
        Append(ids.Select(id => new LogLine { Op = "delete", Id = id }));

    /// <summary>Rewrites the log with only <paramref name="records"/>: temporary file, flush, atomic rename.</summary>
    public void Compact(IEnumerable<StoredPattern> records)
    {
        var temporary = Path + ".tmp";
        var lines = 0;
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            foreach (var record in records)
            {
                WriteLine(stream, new LogLine { Op = "upsert", Record = PatternLine.From(record) });
                lines++;
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
        LineCount = lines;
    }

    private void Append(IEnumerable<LogLine> entries)
    {
        using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
        foreach (var entry in entries)
        {
            WriteLine(stream, entry);
            LineCount++;
        }

        stream.Flush(flushToDisk: true);
    }

    private static void WriteLine(Stream stream, LogLine entry)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(entry, s_json);
        stream.Write(bytes);
        stream.WriteByte((byte)'\n');
    }

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
