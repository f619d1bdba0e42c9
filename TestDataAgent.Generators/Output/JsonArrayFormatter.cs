using System.Text.Json;
using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Output;

/// <summary>A JSON array of records per chunk, as the original's clients parse it.</summary>
internal sealed class JsonArrayFormatter : ChunkFormatter
{
    private readonly Utf8JsonWriter _writer;

    public JsonArrayFormatter() => _writer = new Utf8JsonWriter(Buffer, RecordJson.WriterOptions);

    public override long ByteCount => Buffer.WrittenCount + _writer.BytesPending;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _writer.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override void WriteRecord(DataRecord record, bool firstInChunk)
    {
        if (firstInChunk)
        {
            _writer.WriteStartArray();
        }

        RecordJson.WriteRecord(_writer, record);
    }

    protected override void FinishChunk()
    {
        if (RecordCount == 0)
        {
            _writer.WriteStartArray();
        }

        _writer.WriteEndArray();
        _writer.Flush();
        _writer.Reset(Buffer);
    }
}
