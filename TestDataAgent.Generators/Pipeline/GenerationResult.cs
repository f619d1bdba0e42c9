using System.Text;
using System.Text.Json.Serialization;
using TestDataAgent.Generators.Output;

namespace TestDataAgent.Generators.Pipeline;

/// <summary>
/// A unary response: the records in the requested format, kept as the UTF-8 bytes the formatter wrote so the transport
/// can copy them to the wire as they are; <see cref="Data"/> is their text, made on first use (JSON over HTTP, the
/// response cache, tests).
/// </summary>
public sealed record GenerationResult
{
    private readonly ReadOnlyMemory<byte>? _utf8;

    // Decoded once, when asked for; a copy made by `with` shares it.
    private string? _text;

    /// <summary>A result from text (a cache entry).</summary>
    [JsonConstructor]
    public GenerationResult(string data, int recordCount, GenerationSummary metadata)
    {
        _text = data;
        RecordCount = recordCount;
        Metadata = metadata;
    }

    /// <summary>A result from the formatter's UTF-8 bytes, which it then owns.</summary>
    public GenerationResult(ReadOnlyMemory<byte> utf8, int recordCount, GenerationSummary metadata)
    {
        _utf8 = utf8;
        RecordCount = recordCount;
        Metadata = metadata;
    }

    /// <summary>
    /// A result in the formatter's pooled array: whoever writes it out gives the array back with <see cref="Buffer"/>
    /// once the bytes are sent (a result nobody gives back is simply collected). Reading the bytes after that throws.
    /// </summary>
    public GenerationResult(Utf8Chunk answer, int recordCount, GenerationSummary metadata)
    {
        _answer = answer;
        RecordCount = recordCount;
        Metadata = metadata;
    }

    // A copy made by `with` shares it: the array goes back once, whichever copy gives it.
    private readonly Utf8Chunk? _answer;

    /// <summary>
    /// The pooled array's owner, for the transport to dispose once the answer is written (its bytes copied to the wire
    /// or decoded to text), or <see langword="null"/> when the bytes are the result's own.
    /// </summary>
    [JsonIgnore]
    public IDisposable? Buffer => _answer;

    public int RecordCount { get; init; }

    public GenerationSummary Metadata { get; init; }

    public string Data => _text ??= Encoding.UTF8.GetString(Utf8Data.Span);

    /// <summary>The records as UTF-8: the formatter's bytes, or the text encoded when the result came from text.</summary>
    [JsonIgnore]
    public ReadOnlyMemory<byte> Utf8Data => _answer is { } answer
        ? (answer.IsDisposed ? throw new ObjectDisposedException(nameof(GenerationResult), "The answer's pooled array was given back (Buffer disposed) after it was written.") : answer.Memory)
        : _utf8 ?? Encoding.UTF8.GetBytes(_text!);

    public bool Equals(GenerationResult? other) =>
        other is not null && RecordCount == other.RecordCount && Metadata == other.Metadata && Utf8Data.Span.SequenceEqual(other.Utf8Data.Span);

    public override int GetHashCode() => HashCode.Combine(RecordCount, Metadata, Utf8Data.Length);
}
