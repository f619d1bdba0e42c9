namespace TestDataAgent.Cli;

/// <summary>
/// One partition's chunks kept in a temporary file while an earlier slice is still being written, each chunk framed by
/// its length so it is replayed as the same chunk (a JSON chunk is a whole array); the file is deleted when disposed.
/// Memory stays at one chunk whatever the slice's size.
/// </summary>
internal sealed class SliceSpool : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"testdata-slice-{Guid.NewGuid():N}.tmp");
    private readonly FileStream _file;

    public SliceSpool()
    {
        _file = new FileStream(_path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
    }

    public async Task AppendAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken)
    {
        await _file.WriteAsync(BitConverter.GetBytes(chunk.Length), cancellationToken);
        await _file.WriteAsync(chunk, cancellationToken);
    }

    /// <summary>Hands every chunk back, in the order appended.</summary>
    public async Task ReplayAsync(Func<ReadOnlyMemory<byte>, Task> write, CancellationToken cancellationToken)
    {
        await _file.FlushAsync(cancellationToken);
        _file.Position = 0;
        var length = new byte[sizeof(int)];
        var buffer = Array.Empty<byte>();
        while (await _file.ReadAtLeastAsync(length, length.Length, throwOnEndOfStream: false, cancellationToken) == length.Length)
        {
            var size = BitConverter.ToInt32(length);
            if (buffer.Length < size)
            {
                buffer = new byte[size];
            }

            await _file.ReadExactlyAsync(buffer.AsMemory(0, size), cancellationToken);
            await write(buffer.AsMemory(0, size));
        }
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
