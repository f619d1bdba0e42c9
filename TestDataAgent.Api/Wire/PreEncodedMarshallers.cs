using Grpc.Core;
using Google.Protobuf;
using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Api.Wire;

/// <summary>
/// Marshallers for the two responses that carry records, which write the <c>data</c> field from the UTF-8 bytes the
/// formatter made (<see cref="GenerateResponse.Utf8Data"/>, <see cref="DataChunk.Utf8Data"/>) instead of from a string:
/// no UTF-8 → UTF-16 → UTF-8 round trip. A proto <c>string</c> is length-delimited UTF-8 on the wire, the same as
/// <c>bytes</c>, and the fields are written in field-number order as Google.Protobuf writes them, so a client receives
/// exactly the bytes the generated serialiser would have sent. A message without pre-encoded data is serialised by
/// Google.Protobuf as before.
/// </summary>
internal static class PreEncodedMarshallers
{
    public static Marshaller<GenerateResponse> GenerateResponse { get; } = Marshallers.Create(
        (Action<GenerateResponse, SerializationContext>)Serialize,
        context => Contracts.V1.GenerateResponse.Parser.ParseFrom(context.PayloadAsReadOnlySequence()));

    public static Marshaller<DataChunk> DataChunk { get; } = Marshallers.Create(
        (Action<DataChunk, SerializationContext>)Serialize,
        context => Contracts.V1.DataChunk.Parser.ParseFrom(context.PayloadAsReadOnlySequence()));

    /// <summary>The method with the pre-encoding marshaller for its response, when it returns records; else the method itself.</summary>
    public static Method<TRequest, TResponse> For<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class
        where TResponse : class
    {
        var marshaller = typeof(TResponse) == typeof(GenerateResponse) ? (Marshaller<TResponse>)(object)GenerateResponse
            : typeof(TResponse) == typeof(DataChunk) ? (Marshaller<TResponse>)(object)DataChunk
            : null;
        return marshaller is null ? method : new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, method.RequestMarshaller, marshaller);
    }

    internal static void Serialize(GenerateResponse message, SerializationContext context)
    {
        if (message.Utf8Data is not { } data)
        {
            WriteWhole(message, context);
            return;
        }

        // Fields 1-6 in order, as the generated WriteTo writes them; data (3) from the bytes.
        context.SetPayloadLength(ProtoWire.StringSize(message.RequestId) + ProtoWire.BoolSize(message.Success) + ProtoWire.BytesSize(data.Length)
            + ProtoWire.Int32Size(message.RecordCount) + ProtoWire.MessageSize(message.Metadata) + ProtoWire.StringSize(message.Error));
        var writer = context.GetBufferWriter();
        ProtoWire.WriteString(writer, Contracts.V1.GenerateResponse.RequestIdFieldNumber, message.RequestId);
        ProtoWire.WriteBool(writer, Contracts.V1.GenerateResponse.SuccessFieldNumber, message.Success);
        ProtoWire.WriteBytes(writer, Contracts.V1.GenerateResponse.DataFieldNumber, data.Span);
        ProtoWire.WriteInt32(writer, Contracts.V1.GenerateResponse.RecordCountFieldNumber, message.RecordCount);
        ProtoWire.WriteMessage(writer, Contracts.V1.GenerateResponse.MetadataFieldNumber, message.Metadata);
        ProtoWire.WriteString(writer, Contracts.V1.GenerateResponse.ErrorFieldNumber, message.Error);
        context.Complete();
    }

    internal static void Serialize(DataChunk message, SerializationContext context)
    {
        if (message.Utf8Data is not { } data)
        {
            WriteWhole(message, context);
            return;
        }

        context.SetPayloadLength(ProtoWire.StringSize(message.RequestId) + ProtoWire.BytesSize(data.Length)
            + ProtoWire.Int32Size(message.ChunkIndex) + ProtoWire.BoolSize(message.IsFinal));
        var writer = context.GetBufferWriter();
        ProtoWire.WriteString(writer, Contracts.V1.DataChunk.RequestIdFieldNumber, message.RequestId);
        ProtoWire.WriteBytes(writer, Contracts.V1.DataChunk.DataFieldNumber, data.Span);
        ProtoWire.WriteInt32(writer, Contracts.V1.DataChunk.ChunkIndexFieldNumber, message.ChunkIndex);
        ProtoWire.WriteBool(writer, Contracts.V1.DataChunk.IsFinalFieldNumber, message.IsFinal);
        context.Complete();
    }

    // What the generated marshaller does.
    private static void WriteWhole(IMessage message, SerializationContext context)
    {
        context.SetPayloadLength(message.CalculateSize());
        message.WriteTo(context.GetBufferWriter());
        context.Complete();
    }
}
