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
            writer.WritePropertyName(Encoded(name));
            WriteValue(writer, value);
        }

        writer.WriteEndObject();
    }

    // A record's keys are a few string instances (its schema's field names, made once per compiled plan), so each is
    // escaped and turned into UTF-8 once per thread rather than once per record. Keyed by reference: a name that arrives
    // as a new string each time (a model's record) only costs an entry, and the table is emptied when it fills.
    [ThreadStatic]
    private static Dictionary<string, JsonEncodedText>? t_names;

    private const int MaxEncodedNames = 1024;

    private static JsonEncodedText Encoded(string name)
    {
        var names = t_names ??= new Dictionary<string, JsonEncodedText>(ReferenceEqualityComparer.Instance);
        if (!names.TryGetValue(name, out var encoded))
        {
            if (names.Count == MaxEncodedNames)
            {
                names.Clear();
            }

            // The writer's own encoder, so the bytes are those WritePropertyName(string) writes.
            encoded = JsonEncodedText.Encode(name, WriterOptions.Encoder);
            names.Add(name, encoded);
        }

        return encoded;
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
