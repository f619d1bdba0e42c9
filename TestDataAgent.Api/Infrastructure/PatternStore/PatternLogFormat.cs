using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using TestDataAgent.Generators.Rag.Store;

namespace TestDataAgent.Api.Infrastructure.PatternStore;

/// <summary>
/// One line of a <see cref="PatternLog"/>: <c>{"sha256":"…","entry":{…}}</c>, the entry (an upsert with its record, or
/// a delete) framed by the first 8 bytes of its SHA-256 in hex, so a changed byte anywhere in it is noticed. The entry's
/// bytes are hashed as written, not re-serialised, so the check never depends on how a later version writes JSON. Lines
/// written before checksums (the entry alone) are still read, and rewritten with checksums at the next compaction. The
/// record is the <see cref="StoredPattern"/> itself in snake case, its vector as base64 (<see cref="EmbeddingJsonConverter"/>):
/// the same JSON the separate line type of earlier versions wrote, so their lines read as they are.
/// </summary>
internal static class PatternLogFormat
{
    private const int HashHexLength = 16;

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new EmbeddingJsonConverter() },
    };

    private static ReadOnlySpan<byte> Prefix => "{\"sha256\":\""u8;

    private static ReadOnlySpan<byte> Middle => "\",\"entry\":"u8;

    /// <summary>The line (newline included) that stores <paramref name="record"/>.</summary>
    public static byte[] Upsert(StoredPattern record) => Encode(new LogLine { Op = "upsert", Record = record });

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
                { Op: "upsert", Record: { Id.Length: > 0, Embedding.Length: StoredPattern.Dimensions } record } => (record, null, null),
                { Op: "upsert" } => (null, null, "an upsert without a usable record"),
                { Op: "delete", Id: { Length: > 0 } id } => (null, id, null),
                _ => (null, null, "not an upsert or a delete"),
            };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or InvalidOperationException)
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

        public StoredPattern? Record { get; set; }
    }
}
