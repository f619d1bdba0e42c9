extern alias ApiAssembly;

using System.Buffers;
using System.Text;
using ApiAssembly::TestDataAgent.Api.Wire;
using Google.Protobuf;
using Grpc.Core;
using TestDataAgent.Generators.Output;
using Wire = ApiAssembly::TestDataAgent.Contracts.V1;

namespace TestDataAgent.Tests.Unit;

/// <summary>
/// The marshallers that write <c>data</c> from the formatter's UTF-8 give exactly the bytes Google.Protobuf's generated
/// serialiser gives for the same message with <c>data</c> as a string: what every existing client was sent before.
/// </summary>
public sealed class PreEncodedWireTests
{
    public static TheoryData<string, string, bool, int, string> Responses => new()
    {
        { "req-1", "[{\"name\":\"Zoë Ångström\",\"city\":\"東京\",\"emoji\":\"🙂\"}]", true, 10, "" },
        { "", "", true, 0, "" },
        { "", "", false, 0, "count 20000 exceeds max sync limit" },
        { "r", new string('x', 200_000), true, int.MaxValue, "" },
        { "négatif", "a", true, -5, "both data and error" },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public void AGenerateResponseWithPreEncodedDataIsTheStockEncoding(string requestId, string data, bool success, int recordCount, string error)
    {
        var metadata = new Wire.GenerationMetadata { GenerationPath = "traditional", Seed = -42, CoherenceScore = 0.93f, ScenarioCounts = { ["happy_path"] = 7 }, Warnings = { "w1", "ünï" } };
        var stock = new Wire.GenerateResponse { RequestId = requestId, Success = success, Data = data, RecordCount = recordCount, Metadata = metadata, Error = error };
        var preEncoded = new Wire.GenerateResponse { RequestId = requestId, Success = success, RecordCount = recordCount, Metadata = metadata, Error = error };
        preEncoded.Utf8Data = Encoding.UTF8.GetBytes(data);

        Assert.Equal(stock.ToByteArray(), Serialize(PreEncodedMarshallers.GenerateResponse, preEncoded));
        // No metadata at all (an in-band error) is left out the same way.
        stock.Metadata = null;
        preEncoded.Metadata = null;
        Assert.Equal(stock.ToByteArray(), Serialize(PreEncodedMarshallers.GenerateResponse, preEncoded));
    }

    [Theory]
    [InlineData("stream-1", "{\"a\":\"ü\"}\n{\"a\":\"😀\"}\n", 0, false)]
    [InlineData("", "", 7, true)]
    [InlineData("s", "{\"error\":\"x\"}", 3, true)]
    [InlineData("s", "plain", -1, false)]
    public void ADataChunkFromAFormattersBytesIsTheStockEncoding(string requestId, string data, int index, bool isFinal)
    {
        var stock = new Wire.DataChunk { RequestId = requestId, Data = data, ChunkIndex = index, IsFinal = isFinal };
        using var chunk = Utf8Chunk.FromText(data);
        var preEncoded = new Wire.DataChunk { RequestId = requestId, ChunkIndex = index, IsFinal = isFinal, Utf8Data = chunk };

        Assert.Equal(stock.ToByteArray(), Serialize(PreEncodedMarshallers.DataChunk, preEncoded));
    }

    [Fact]
    public void AMessageWithoutPreEncodedDataIsSerialisedByGoogleProtobuf()
    {
        var message = new Wire.GenerateResponse { RequestId = "r", Success = true, Data = "[1]", RecordCount = 1 };

        Assert.Equal(message.ToByteArray(), Serialize(PreEncodedMarshallers.GenerateResponse, message));
    }

    private static byte[] Serialize<T>(Marshaller<T> marshaller, T message)
    {
        var context = new RecordingContext();
        marshaller.ContextualSerializer(message, context);
        Assert.True(context.Completed);
        Assert.Equal(context.DeclaredLength, context.Written.WrittenCount);
        return context.Written.WrittenSpan.ToArray();
    }

    // What Grpc.AspNetCore's serialisation context does with a declared length: write into a buffer writer, then Complete.
    private sealed class RecordingContext : SerializationContext
    {
        public ArrayBufferWriter<byte> Written { get; } = new();

        public int DeclaredLength { get; private set; } = -1;

        public bool Completed { get; private set; }

        public override void SetPayloadLength(int payloadLength) => DeclaredLength = payloadLength;

        public override IBufferWriter<byte> GetBufferWriter() => Written;

        public override void Complete() => Completed = true;

        public override void Complete(byte[] payload)
        {
            Written.Write(payload);
            DeclaredLength = payload.Length;
            Completed = true;
        }
    }
}
