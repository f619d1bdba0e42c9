using System.Buffers;
using System.Text;
using Grpc.Core;
using Google.Protobuf;
using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Benchmarks.Load;

/// <summary>
/// <c>GenerateDataStream</c> read as bytes: a client that writes the records somewhere (a file, a socket, a database's
/// COPY) never needs them as UTF-16 strings, and decoding each 64 KiB chunk into a 128 KiB string would make the
/// driver's own garbage part of what it measures. The wire is the same (<c>data</c> is length-delimited UTF-8); each
/// chunk's records are counted by their <c>"_index"</c> keys in the bytes. <c>--client-decode strings</c> reads with
/// the generated client instead, as a client that keeps the text would.
/// </summary>
internal static class RawChunks
{
    private static readonly byte[] IndexKey = Encoding.UTF8.GetBytes("\"_index\"");

    private static readonly Method<GenerateRequest, RawChunk> Stream = new(
        MethodType.ServerStreaming,
        "testdata.v1.TestDataService",
        "GenerateDataStream",
        Marshallers.Create(r => r.ToByteArray(), GenerateRequest.Parser.ParseFrom),
        new Marshaller<RawChunk>(
            static (_, _) => throw new NotSupportedException("the load driver only reads chunks"),
            static context => Parse(context.PayloadAsReadOnlySequence())));

    public static AsyncServerStreamingCall<RawChunk> Call(CallInvoker invoker, GenerateRequest request, CallOptions options) =>
        invoker.AsyncServerStreamingCall(Stream, null, options, request);

    /// <summary>DataChunk's fields: 1 request_id, 2 data, 3 chunk_index, 4 is_final; only data and is_final are read.</summary>
    private static RawChunk Parse(ReadOnlySequence<byte> payload)
    {
        byte[]? rented = null;
        var bytes = payload.IsSingleSegment ? payload.FirstSpan : (rented = ArrayPool<byte>.Shared.Rent((int)payload.Length)).AsSpan(0, (int)payload.Length);
        if (rented is not null)
        {
            payload.CopyTo(rented);
        }

        try
        {
            var records = 0;
            var dataBytes = 0;
            var isFinal = false;
            string? error = null;
            var at = 0;
            while (at < bytes.Length)
            {
                var tag = (int)ReadVarint(bytes, ref at);
                switch (tag & 7)
                {
                    case 0:
                        var value = ReadVarint(bytes, ref at);
                        isFinal |= tag >> 3 == 4 && value != 0;
                        break;
                    case 2:
                        var length = (int)ReadVarint(bytes, ref at);
                        if (tag >> 3 == 2)
                        {
                            var data = bytes.Slice(at, length);
                            dataBytes = length;
                            records = Count(data);
                            error = records == 0 && length > 0 ? Encoding.UTF8.GetString(data) : null;
                        }

                        at += length;
                        break;
                    default:
                        throw new InvalidDataException($"unexpected wire type {tag & 7} in a DataChunk");
                }
            }

            return new RawChunk(records, dataBytes, isFinal, isFinal ? error : null);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int Count(ReadOnlySpan<byte> data)
    {
        var count = 0;
        int at;
        while ((at = data.IndexOf(IndexKey)) >= 0)
        {
            count++;
            data = data[(at + IndexKey.Length)..];
        }

        return count;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}

/// <summary>One chunk as the load driver needs it: how many records and bytes it carried, and whether it ended the stream.</summary>
internal sealed record RawChunk(int Records, int DataBytes, bool IsFinal, string? Error);
