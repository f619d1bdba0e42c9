using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Output;

/// <summary>One compact JSON object per line, each line ending in <c>\n</c>.</summary>
internal sealed class NdjsonFormatter : ChunkFormatter
{
    protected override void WriteRecord(DataRecord record, bool firstInChunk)
    {
        RecordJson.WriteRecord(Buffer, record);
        Buffer.Write((byte)'\n');
    }
}
