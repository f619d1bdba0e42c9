using System.Runtime.InteropServices;
using System.Text;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Pipeline;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Tests.Unit;

/// <summary>
/// A unary answer leaves the writer without being copied when it fills most of its array (a large answer is then
/// neither held twice nor kept by the pool), and as an exact copy when it is small (the array stays for reuse).
/// </summary>
public sealed class PooledBufferWriterTests
{
    [Fact]
    public void ALargeAnswerTakesTheArrayItself()
    {
        using var writer = new PooledBufferWriter();
        var span = writer.GetSpan(100_000);
        span[..100_000].Fill((byte)'x');
        writer.Advance(100_000);
        var before = writer.WrittenMemory;

        var released = writer.Release();

        Assert.True(MemoryMarshal.TryGetArray(before, out var original));
        Assert.True(MemoryMarshal.TryGetArray(released, out var segment));
        Assert.Same(original.Array, segment.Array);
        Assert.Equal(100_000, released.Length);
        Assert.True(released.Span.IndexOfAnyExcept((byte)'x') < 0);
        Assert.Equal(0, writer.WrittenCount);
        // The writer goes on with an array of its own.
        writer.GetSpan(10)[0] = (byte)'y';
        writer.Advance(1);
        Assert.Equal((byte)'x', released.Span[0]);
    }

    [Fact]
    public void AnAnswerUnderTheLargeSizeIsCopiedEvenWhenItFillsItsArray()
    {
        // Ten user records (about 5 KB) fill most of an 8 KB array: giving that array away would cost the pool a new one.
        using var writer = new PooledBufferWriter();
        var span = writer.GetSpan(5_000);
        span[..5_000].Fill((byte)'x');
        writer.Advance(5_000);
        Assert.True(MemoryMarshal.TryGetArray(writer.WrittenMemory, out var pooled));

        var released = writer.Release();

        Assert.True(MemoryMarshal.TryGetArray(released, out var segment));
        Assert.NotSame(pooled.Array, segment.Array);
        Assert.Equal(5_000, segment.Array!.Length);
        Assert.True(5_000 * 2 >= pooled.Array!.Length);
        Assert.True(5_000 < PooledBufferWriter.LargeAnswerBytes);
    }

    // A unary answer from the generation service: under the large size it stays in the formatter's pooled array (no
    // copy) until the transport gives it back; reading it after that is an error, never another answer's bytes.
    [Fact]
    public void AnAnswerUnderTheLargeSizeKeepsItsPooledArrayUntilGivenBack()
    {
        var schema = new EntitySchema { Name = "thing", Fields = [new FieldDefinition { Name = "a", Path = "a", Kind = FieldKind.Integer }] };
        using var formatter = ChunkFormatter.Create(DataFormat.Json, schema);
        formatter.Add(new DataRecord { ["a"] = 1L });
        formatter.Add(new DataRecord { ["a"] = 2L });

        var result = new GenerationResult(formatter.CompleteAnswer(), 2, new GenerationSummary());

        Assert.True(MemoryMarshal.TryGetArray(result.Utf8Data, out var segment));
        Assert.True(segment.Array!.Length >= 4 * 1024, $"a pooled array, not a copy of {result.Utf8Data.Length} bytes");
        Assert.Equal("""[{"a":1},{"a":2}]""", Encoding.UTF8.GetString(result.Utf8Data.Span));
        var copy = result with { RecordCount = 2 };
        Assert.NotNull(result.Buffer);

        result.Buffer!.Dispose();
        result.Buffer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => result.Utf8Data);
        Assert.Throws<ObjectDisposedException>(() => copy.Utf8Data);
    }

    [Fact]
    public void ALargeAnswerComesWholeFromCompleteAnswer()
    {
        var schema = new EntitySchema { Name = "thing", Fields = [new FieldDefinition { Name = "text", Path = "text", Kind = FieldKind.String }] };
        using var formatter = ChunkFormatter.Create(DataFormat.Ndjson, schema);
        for (var i = 0; i < 100; i++)
        {
            formatter.Add(new DataRecord { ["text"] = new string('x', 1_000) });
        }

        using var answer = formatter.CompleteAnswer();

        Assert.True(answer.Length > PooledBufferWriter.LargeAnswerBytes);
        Assert.Equal(100, answer.Span.Count((byte)'\n'));
    }

    [Fact]
    public void ASmallAnswerIsCopiedToAnArrayOfItsLength()
    {
        using var writer = new PooledBufferWriter(64 * 1024);
        "hello"u8.CopyTo(writer.GetSpan(5));
        writer.Advance(5);

        var released = writer.Release();

        Assert.True(MemoryMarshal.TryGetArray(released, out var segment));
        Assert.Equal(5, segment.Array!.Length);
        Assert.Equal("hello"u8.ToArray(), released.ToArray());
    }
}
