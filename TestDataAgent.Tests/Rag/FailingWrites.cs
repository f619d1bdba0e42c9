namespace TestDataAgent.Tests.Rag;

/// <summary>
/// Fault injection for the embedded store's appends: once armed, the next write lets <c>bytes</c> through to the file and
/// then fails as a full disk does (<c>IOException</c>, ENOSPC), leaving a torn line behind.
/// </summary>
internal sealed class FailingWrites
{
    private const int NoSpaceLeftOnDevice = 28;

    private int? _bytesBeforeFailure;

    public int Failures { get; private set; }

    public void FailNextWriteAfter(int bytes) => _bytesBeforeFailure = bytes;

    public Stream Through(Stream file)
    {
        if (_bytesBeforeFailure is not { } bytes)
        {
            return file;
        }

        _bytesBeforeFailure = null;
        return new FullDisk(file, bytes, () => Failures++);
    }

    private sealed class FullDisk(Stream file, int room, Action failed) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => file.Length;

        public override long Position { get => file.Position; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var fits = Math.Min(room, buffer.Length);
            file.Write(buffer[..fits]);
            room -= fits;
            if (fits < buffer.Length)
            {
                failed();
                throw new IOException("No space left on device", NoSpaceLeftOnDevice);
            }
        }

        public override void Flush() => file.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
