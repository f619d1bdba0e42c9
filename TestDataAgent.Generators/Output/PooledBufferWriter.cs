using System.Buffers;

namespace TestDataAgent.Generators.Output;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> of bytes over arrays rented from <see cref="ArrayPool{T}.Shared"/>. A formatter writes
/// a chunk into it, then <see cref="Detach"/> hands the filled array to a <see cref="Utf8Chunk"/> without copying and
/// rents the next one at the size the last chunk needed, so a steady stream reuses the same few arrays and never puts a
/// chunk on the large object heap.
/// </summary>
public sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private const int MinimumSize = 4 * 1024;

    /// <summary>The size from which <see cref="Release"/> gives its array away instead of copying it.</summary>
    public const int LargeAnswerBytes = 64 * 1024;

    private byte[] _buffer;
    private int _written;

    public PooledBufferWriter(int initialSize = MinimumSize) => _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(MinimumSize, initialSize));

    /// <summary>Bytes written since the last <see cref="Clear"/> or <see cref="Detach"/>.</summary>
    public int WrittenCount => _written;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    public void Clear() => _written = 0;

    /// <summary>Makes room for <paramref name="bytes"/> in all, so a chunk of that size is written without growing.</summary>
    public void Reserve(int bytes) => Ensure(bytes - _written);

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_written + count > _buffer.Length)
        {
            throw new InvalidOperationException("Advanced past the end of the buffer.");
        }

        _written += count;
    }

    /// <summary>Appends one byte.</summary>
    public void Write(byte value)
    {
        if (_written == _buffer.Length)
        {
            Ensure(1);
        }

        _buffer[_written++] = value;
    }

    /// <summary>Appends <paramref name="bytes"/>.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_written));
        _written += bytes.Length;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>The bytes written so far as a chunk that owns their pooled array; this writer continues with a fresh one.</summary>
    public Utf8Chunk Detach()
    {
        var filled = _buffer;
        var length = _written;
        // The next chunk is most likely as large as this one: rent what this one needed, so it does not grow again.
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(MinimumSize, filled.Length));
        _written = 0;
        return Utf8Chunk.FromPooled(filled, length);
    }

    /// <summary>
    /// The bytes written so far, for a caller to keep (a unary answer). A large answer (<see cref="LargeAnswerBytes"/> or
    /// more) that fills at least half of its array takes the array itself rather than a copy (it leaves the pool, and a
    /// large answer is neither held twice nor kept by the pool afterwards); any other is copied out to an array of its
    /// length, and the pooled array stays for the next answer (giving away a small pooled array costs the pool a new one,
    /// which allocates more than the copy).
    /// </summary>
    public ReadOnlyMemory<byte> Release()
    {
        ReadOnlyMemory<byte> written;
        if (_written >= LargeAnswerBytes && _written * 2L >= _buffer.Length)
        {
            written = _buffer.AsMemory(0, _written);
            _buffer = ArrayPool<byte>.Shared.Rent(MinimumSize);
        }
        else
        {
            written = _buffer.AsSpan(0, _written).ToArray();
        }

        _written = 0;
        return written;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(1, sizeHint);
        if (needed <= _buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = larger;
    }
}
