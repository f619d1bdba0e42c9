using System.Buffers;
using System.Text.Json;
using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Output;

/// <summary>One compact JSON object per line, each line ending in <c>\n</c>.</summary>
internal sealed class NdjsonFormatter : ChunkFormatter
{
    private readonly Utf8JsonWriter _writer;

    public NdjsonFormatter() => _writer = new Utf8JsonWriter(Buffer, RecordJson.WriterOptions);

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
        RecordJson.WriteRecord(_writer, record);
        _writer.Flush();
        _writer.Reset(Buffer);
        Buffer.Write("\n"u8);
    }
}
