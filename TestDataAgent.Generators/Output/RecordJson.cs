using System.Text.Encodings.Web;
using System.Text.Json;
using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Output;

/// <summary>Writes the record value model as JSON, with the same bytes for the same values on every run.</summary>
public static class RecordJson
{
    /// <summary>
    /// Compact, and non-ASCII text kept as UTF-8 rather than \u escapes: the data is for programs and people,
    /// not for embedding in HTML.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case decimal d:
                writer.WriteNumberValue(d);
                break;
            case double d:
                writer.WriteNumberValue(d);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case DataRecord record:
                WriteRecord(writer, record);
                break;
            case List<object?> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }

    public static void WriteRecord(Utf8JsonWriter writer, DataRecord record)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in record)
        {
            writer.WritePropertyName(name);
            WriteValue(writer, value);
        }

        writer.WriteEndObject();
    }

    /// <summary>A value as compact JSON text (nested values in CSV cells and SQL literals).</summary>
    public static string ToJson(object? value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteValue(writer, value);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
