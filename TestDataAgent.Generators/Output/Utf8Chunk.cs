using System.Buffers;
using System.Text;

namespace TestDataAgent.Generators.Output;

/// <summary>
/// A chunk of output as the UTF-8 bytes the formatter wrote, for the transport to copy straight to the wire (a proto
/// <c>string</c> field is length-delimited UTF-8 on the wire, so no UTF-16 string is needed in between). A chunk made by
/// a formatter owns a pooled array: dispose it once its bytes are written, and do not read it after.
/// </summary>
public sealed class Utf8Chunk : IDisposable
{
    private byte[]? _pooled;
    private ReadOnlyMemory<byte> _bytes;

    private Utf8Chunk(ReadOnlyMemory<byte> bytes, byte[]? pooled)
    {
        _bytes = bytes;
        _pooled = pooled;
    }

    /// <summary>No bytes: the final chunk of a stream that ended well.</summary>
    public static Utf8Chunk Empty { get; } = new(ReadOnlyMemory<byte>.Empty, null);

    public ReadOnlyMemory<byte> Memory => _bytes;

    public ReadOnlySpan<byte> Span => _bytes.Span;

    public int Length => _bytes.Length;

    /// <summary>A chunk of text made elsewhere (an error message): its own array, nothing to return.</summary>
    public static Utf8Chunk FromText(string text) => text.Length == 0 ? Empty : new(Encoding.UTF8.GetBytes(text), null);

    internal static Utf8Chunk FromPooled(byte[] array, int length) => new(array.AsMemory(0, length), array);

    /// <summary>Bytes in an array of their own (not the pool's): disposing the chunk only empties it.</summary>
    internal static Utf8Chunk FromOwned(ReadOnlyMemory<byte> bytes) => new(bytes, null);

    /// <summary>Whether <see cref="Dispose"/> has run: the bytes are gone (a pooled array may already hold other data).</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>The chunk's text (a UTF-16 copy): for callers that want a string, not for the wire.</summary>
    public override string ToString() => Encoding.UTF8.GetString(_bytes.Span);

    /// <summary>Gives a pooled array back; the chunk is empty afterwards.</summary>
    public void Dispose()
    {
        var pooled = Interlocked.Exchange(ref _pooled, null);
        _bytes = ReadOnlyMemory<byte>.Empty;
        IsDisposed = true;
        if (pooled is not null)
        {
            ArrayPool<byte>.Shared.Return(pooled);
        }
    }
}
