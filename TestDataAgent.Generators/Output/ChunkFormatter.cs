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
    /// <summary>The chunk being built, in pooled arrays (see <see cref="CompleteUtf8"/>).</summary>
    protected PooledBufferWriter Buffer { get; } = new();

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
    /// <param name="dialect">SQL: the database the statements are written for.</param>
    public static ChunkFormatter Create(DataFormat format, EntitySchema schema, bool preamble = true, bool neutraliseFormulas = true, SqlDialect dialect = SqlDialect.Ansi)
    {
        ChunkFormatter formatter = format switch
        {
            DataFormat.Json => new JsonArrayFormatter(),
            DataFormat.Ndjson => new NdjsonFormatter(),
            DataFormat.Csv => new CsvFormatter(schema, neutraliseFormulas),
            DataFormat.Sql => new SqlFormatter(schema, dialect),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };
        formatter.PastFirstChunk = !preamble;
        return formatter;
    }

    /// <summary>Like <see cref="Create(DataFormat, EntitySchema, bool, bool, SqlDialect)"/>, with room for <paramref name="expectedBytes"/> per chunk from the start.</summary>
    internal static ChunkFormatter Create(DataFormat format, EntitySchema schema, bool preamble, int expectedBytes, bool neutraliseFormulas, SqlDialect dialect = SqlDialect.Ansi)
    {
        var formatter = Create(format, schema, preamble, neutraliseFormulas, dialect);
        formatter.Buffer.Reserve(expectedBytes);
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
        Reset();
        return text;
    }

    /// <summary>
    /// Finishes the chunk and returns its UTF-8 bytes in the pooled array they were written to (no copy, no UTF-16
    /// string): dispose the chunk once it is sent. The formatter is then ready for the next chunk.
    /// </summary>
    public Utf8Chunk CompleteUtf8()
    {
        FinishChunk();
        var chunk = Buffer.Detach();
        Reset();
        return chunk;
    }

    /// <summary>Finishes the chunk and returns its UTF-8 bytes for the caller to keep (a unary response; <see cref="PooledBufferWriter.Release"/>).</summary>
    public ReadOnlyMemory<byte> CompleteBytes()
    {
        FinishChunk();
        var bytes = Buffer.Release();
        Reset();
        return bytes;
    }

    /// <summary>
    /// The whole answer for a caller that gives it back once written (the transport, after the response is sent): an
    /// answer under <see cref="PooledBufferWriter.LargeAnswerBytes"/> keeps the formatter's pooled array, not a copy,
    /// and goes back to the pool when the chunk is disposed; a larger one is <see cref="CompleteBytes"/>'s array, which
    /// the pool never takes back.
    /// </summary>
    public Utf8Chunk CompleteAnswer()
    {
        FinishChunk();
        var answer = Buffer.WrittenCount < PooledBufferWriter.LargeAnswerBytes ? Buffer.Detach() : Utf8Chunk.FromOwned(Buffer.Release());
        Reset();
        return answer;
    }

    private void Reset()
    {
        RecordCount = 0;
        PastFirstChunk = true;
    }

    protected abstract void WriteRecord(DataRecord record, bool firstInChunk);

    protected virtual void FinishChunk()
    {
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        Buffer.Dispose();
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    protected void WriteText(string text) => Encoding.UTF8.GetBytes(text, Buffer);
}
