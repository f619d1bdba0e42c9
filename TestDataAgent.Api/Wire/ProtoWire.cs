using System.Buffers;
using System.Text;
using Google.Protobuf;

namespace TestDataAgent.Api.Wire;

/// <summary>
/// The few protobuf wire encodings <see cref="PreEncodedMarshallers"/> writes by hand, exactly as Google.Protobuf's
/// generated code writes them: a proto3 field at its default value is left out, an <c>int32</c> is a varint (a
/// negative one sign-extended to ten bytes), a string or message is its length then its bytes.
/// </summary>
internal static class ProtoWire
{
    private const int LengthDelimited = 2;
    private const int Varint = 0;

    public static int StringSize(string value) => value.Length == 0 ? 0 : 1 + CodedOutputStream.ComputeStringSize(value);

    public static int BytesSize(int length) => length == 0 ? 0 : 1 + CodedOutputStream.ComputeLengthSize(length) + length;

    public static int Int32Size(int value) => value == 0 ? 0 : 1 + CodedOutputStream.ComputeInt32Size(value);

    public static int BoolSize(bool value) => value ? 2 : 0;

    public static int MessageSize(IMessage? message) => message is null ? 0 : 1 + CodedOutputStream.ComputeMessageSize(message);

    public static void WriteString(IBufferWriter<byte> writer, int field, string value)
    {
        if (value.Length == 0)
        {
            return;
        }

        WriteTag(writer, field, LengthDelimited);
        WriteVarint(writer, (uint)Encoding.UTF8.GetByteCount(value));
        Encoding.UTF8.GetBytes(value, writer);
    }

    public static void WriteBytes(IBufferWriter<byte> writer, int field, ReadOnlySpan<byte> value)
    {
        if (value.Length == 0)
        {
            return;
        }

        WriteTag(writer, field, LengthDelimited);
        WriteVarint(writer, (uint)value.Length);
        writer.Write(value);
    }

    public static void WriteInt32(IBufferWriter<byte> writer, int field, int value)
    {
        if (value != 0)
        {
            WriteTag(writer, field, Varint);
            WriteVarint(writer, (ulong)(long)value);
        }
    }

    public static void WriteBool(IBufferWriter<byte> writer, int field, bool value)
    {
        if (value)
        {
            WriteTag(writer, field, Varint);
            WriteVarint(writer, 1);
        }
    }

    public static void WriteMessage(IBufferWriter<byte> writer, int field, IMessage? message)
    {
        if (message is null)
        {
            return;
        }

        WriteTag(writer, field, LengthDelimited);
        WriteVarint(writer, (uint)message.CalculateSize());
        message.WriteTo(writer);
    }

    private static void WriteTag(IBufferWriter<byte> writer, int field, int wireType) => WriteVarint(writer, (uint)((field << 3) | wireType));

    private static void WriteVarint(IBufferWriter<byte> writer, ulong value)
    {
        var span = writer.GetSpan(10);
        var written = 0;
        while (value >= 0x80)
        {
            span[written++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[written++] = (byte)value;
        writer.Advance(written);
    }
}
