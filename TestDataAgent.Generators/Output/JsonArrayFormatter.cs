using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Output;

/// <summary>A JSON array of records per chunk, as the original's clients parse it.</summary>
internal sealed class JsonArrayFormatter : ChunkFormatter
{
    protected override void WriteRecord(DataRecord record, bool firstInChunk)
    {
        Buffer.Write(firstInChunk ? (byte)'[' : (byte)',');
        RecordJson.WriteRecord(Buffer, record);
    }

    protected override void FinishChunk()
    {
        if (RecordCount == 0)
        {
            Buffer.Write((byte)'[');
        }

        Buffer.Write((byte)']');
    }
}
