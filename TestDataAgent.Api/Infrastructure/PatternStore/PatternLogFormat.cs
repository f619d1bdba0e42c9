using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using TestDataAgent.Generators.Rag.Store;

namespace TestDataAgent.Api.Infrastructure.PatternStore;

/// <summary>
/// One line of a <see cref="PatternLog"/>: <c>{"sha256":"…","entry":{…}}</c>, the entry (an upsert with its record, or
/// a delete) framed by the first 8 bytes of its SHA-256 in hex, so a changed byte anywhere in it is noticed. The entry's
/// bytes are hashed as written, not re-serialised, so the check never depends on how a later version writes JSON. Lines
/// written before checksums (the entry alone) are still read, and rewritten with checksums at the next compaction.
/// </summary>
internal static class PatternLogFormat
{
    private const int HashHexLength = 16;

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static ReadOnlySpan<byte> Prefix => "{\"sha256\":\""u8;

    private static ReadOnlySpan<byte> Middle => "\",\"entry\":"u8;

    /// <summary>The line (newline included) that stores <paramref name="record"/>.</summary>
    public static byte[] Upsert(StoredPattern record) => Encode(new LogLine { Op = "upsert", Record = PatternLine.From(record) });

    /// <summary>The line (newline included) that deletes <paramref name="id"/>.</summary>
    public static byte[] Delete(string id) => Encode(new LogLine { Op = "delete", Id = id });

    /// <summary>
    /// What a line (without its newline) says, a record to upsert or an ID to delete, or why it cannot be used: a checksum
    /// that does not hold, JSON that does not parse, or content that does not make a record.
    /// </summary>
    public static (StoredPattern? Upsert, string? DeleteId, string? Error) Decode(ReadOnlySpan<byte> line)
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
