using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TestDataAgent.Api.Infrastructure.PatternStore;

/// <summary>A vector in a pattern log line: base64 of its floats' bytes (exact, and about a third the size of a JSON array of numbers).</summary>
internal sealed class EmbeddingJsonConverter : JsonConverter<ReadOnlyMemory<float>>
{
    public override ReadOnlyMemory<float> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        MemoryMarshal.Cast<byte, float>(reader.GetBytesFromBase64()).ToArray();

    public override void Write(Utf8JsonWriter writer, ReadOnlyMemory<float> value, JsonSerializerOptions options) =>
        writer.WriteBase64StringValue(MemoryMarshal.AsBytes(value.Span));
}
