using System.Buffers;
using System.Text;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Output;

/// <summary>
/// Writes records of one format into chunks. Each chunk is complete on its own (a JSON array, NDJSON lines, CSV
/// rows — with the header in the first chunk only —, or SQL statements), and the chunks joined give the whole.
/// </summary>
public abstract class ChunkFormatter : IDisposable
{
    protected ArrayBufferWriter<byte> Buffer { get; } = new(64 * 1024);

    /// <summary>Records in the chunk being built.</summary>
    public int RecordCount { get; private set; }

    /// <summary>Bytes written to the chunk being built.</summary>
    public virtual long ByteCount => Buffer.WrittenCount;

    /// <summary>Whether a chunk has been completed already.</summary>
    protected bool PastFirstChunk { get; private set; }

    /// <param name="format">The output format.</param>
    /// <param name="schema">The records' schema (CSV columns, SQL table).</param>
    /// <param name="preamble">Whether the first chunk carries the CSV header or the SQL DDL: only a run's first partition does.</param>
    /// <param name="neutraliseFormulas">CSV: cells a spreadsheet would evaluate as a formula are made text (<see cref="CsvCells"/>).</param>
    public static ChunkFormatter Create(DataFormat format, EntitySchema schema, bool preamble = true, bool neutraliseFormulas = true)
    {
        ChunkFormatter formatter = format switch
        {
            DataFormat.Json => new JsonArrayFormatter(),
            DataFormat.Ndjson => new NdjsonFormatter(),
            DataFormat.Csv => new CsvFormatter(schema, neutraliseFormulas),
            DataFormat.Sql => new SqlFormatter(schema),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };
        formatter.PastFirstChunk = !preamble;
        return formatter;
    }

    public void Add(DataRecord record)
    {
        WriteRecord(record, RecordCount == 0);
        RecordCount++;
    }

    /// <summary>Finishes the chunk and returns its text; the formatter is then ready for the next chunk.</summary>
    public string Complete()
    {
        FinishChunk();
        var text = Encoding.UTF8.GetString(Buffer.WrittenSpan);
        Buffer.Clear();
        RecordCount = 0;
        PastFirstChunk = true;
        return text;
    }

    protected abstract void WriteRecord(DataRecord record, bool firstInChunk);

    protected virtual void FinishChunk()
    {
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    protected void WriteText(string text) => Encoding.UTF8.GetBytes(text, Buffer);
}
