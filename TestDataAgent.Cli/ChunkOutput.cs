using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Cli;

/// <summary>
/// Writes a stream's chunks to one output as they come, so memory stays constant. NDJSON, CSV (header in the first chunk
/// only) and SQL chunks are written as they are; JSON chunks are each an array, so their contents are joined into one
/// array. The output is opened at the first chunk: a request refused before generation leaves no file behind.
/// </summary>
internal sealed class ChunkOutput(Func<Stream> open, bool ownsStream, DataFormat format) : IAsyncDisposable
{
    private Stream? _stream;
    private bool _anyJsonRecord;

    public bool Opened => _stream is not null;

    public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var stream = _stream ??= open();
        if (format != DataFormat.Json)
        {
            await stream.WriteAsync(data, cancellationToken);
            return;
        }

        // "[a,b]" → "a,b": an empty chunk array adds nothing.
        var inner = data.Length >= 2 ? data[1..^1] : ReadOnlyMemory<byte>.Empty;
        if (inner.IsEmpty)
        {
            return;
        }

        await stream.WriteAsync(_anyJsonRecord ? ","u8.ToArray() : "["u8.ToArray(), cancellationToken);
        await stream.WriteAsync(inner, cancellationToken);
        _anyJsonRecord = true;
    }

    /// <summary>Ends the output: closes the JSON array (or writes <c>[]</c> when there were no records) and flushes.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        var stream = _stream ??= open();
        if (format == DataFormat.Json)
        {
            await stream.WriteAsync(_anyJsonRecord ? "]"u8.ToArray() : "[]"u8.ToArray(), cancellationToken);
        }

        await stream.FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (ownsStream && _stream is not null)
        {
            await _stream.DisposeAsync();
        }
    }
}
