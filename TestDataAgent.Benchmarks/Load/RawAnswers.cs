using System.Buffers;
using Google.Protobuf;
using Grpc.Core;
using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Benchmarks.Load;

/// <summary>
/// <c>GenerateData</c> with its <c>data</c> read as bytes, as the echo's reply is: a client that passes the records on
/// (to a file, a socket, a test's JSON parser reading UTF-8) never needs them as a UTF-16 string, and decoding 5 KB of
/// UTF-8 into a 10 KB string every call is the client's cost, not the service's. The wire is the same (<c>data</c> is
/// length-delimited UTF-8). Every other field is read as the generated client reads it; the metadata with the
/// generated <see cref="GenerationMetadata"/>. <c>--client-decode strings</c> uses the generated client throughout.
/// </summary>
internal static class RawAnswers
{
    private static readonly Method<GenerateRequest, RawAnswer> Unary = new(
        MethodType.Unary,
        "testdata.v1.TestDataService",
        "GenerateData",
        Marshallers.Create(r => r.ToByteArray(), GenerateRequest.Parser.ParseFrom),
        new Marshaller<RawAnswer>(
            static (_, _) => throw new NotSupportedException("the load driver only reads answers"),
            static context => Parse(context.PayloadAsReadOnlySequence())));

    public static AsyncUnaryCall<RawAnswer> Call(CallInvoker invoker, GenerateRequest request, CallOptions options) =>
        invoker.AsyncUnaryCall(Unary, null, options, request);

    /// <summary>GenerateResponse's fields: 1 request_id, 2 success, 3 data, 4 record_count, 5 metadata, 6 error.</summary>
    private static RawAnswer Parse(ReadOnlySequence<byte> payload)
    {
        var length = (int)payload.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
        try
        {
            payload.CopyTo(buffer);
            var input = new CodedInputStream(buffer, 0, length);
            var answer = new RawAnswer();
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                switch (WireFormat.GetTagFieldNumber(tag))
                {
                    case 1:
                        answer.RequestId = input.ReadString();
                        break;
                    case 2:
                        answer.Success = input.ReadBool();
                        break;
                    case 3:
                        answer.Data = input.ReadBytes();
                        break;
                    case 4:
                        answer.RecordCount = input.ReadInt32();
                        break;
                    case 5:
                        input.ReadMessage(answer.Metadata);
                        break;
                    case 6:
                        answer.Error = input.ReadString();
                        break;
                    default:
                        input.SkipLastField();
                        break;
                }
            }

            return answer;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>A <c>GenerateResponse</c> whose <c>data</c> is kept as the UTF-8 bytes it travelled as.</summary>
internal sealed class RawAnswer
{
    public string RequestId { get; set; } = "";

    public bool Success { get; set; }

    public ByteString Data { get; set; } = ByteString.Empty;

    public int RecordCount { get; set; }

    public GenerationMetadata Metadata { get; } = new();

    public string Error { get; set; } = "";
}
