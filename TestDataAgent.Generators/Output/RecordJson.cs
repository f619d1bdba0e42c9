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

    public static void WriteValue(Utf8JsonWriter writer, object? value) => WriteValue(writer, value, names: null, depth: 0);

    public static void WriteRecord(Utf8JsonWriter writer, DataRecord record) => WriteRecord(writer, record, t_names ??= new EncodedNames(), depth: 0);

    // A nested object's names are remembered at its own depth, apart from its parent's.
    private static void WriteValue(Utf8JsonWriter writer, object? value, EncodedNames? names, int depth)
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
                WriteRecord(writer, record, names ?? (t_names ??= new EncodedNames()), depth);
                break;
            case List<object?> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(writer, item, names, depth);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void WriteRecord(Utf8JsonWriter writer, DataRecord record, EncodedNames names, int depth)
    {
        writer.WriteStartObject();
        var position = 0;
        foreach (var (name, value) in record)
        {
            writer.WritePropertyName(names.Get(name, depth, position++));
            WriteValue(writer, value, names, depth + 1);
        }

        writer.WriteEndObject();
    }

    // A record's keys are a few string instances (its schema's field names, made once per compiled plan), so each is
    // escaped and turned into UTF-8 once per thread rather than once per record. Records of a schema put the same names
    // in the same places, so a name is first looked for where it was in the last record at its depth (one reference
    // comparison), then in a table keyed by reference. A name that arrives as a new string each time (a model's record)
    // only costs an entry, and the table is emptied when it fills.
    [ThreadStatic]
    private static EncodedNames? t_names;

    private sealed class EncodedNames
    {
        private const int MaxNames = 1024;
        private const int Depths = 8;
        private const int Positions = 64;

        private readonly Dictionary<string, JsonEncodedText> _byName = new(ReferenceEqualityComparer.Instance);
        private readonly string?[] _lastNames = new string?[Depths * Positions];
        private readonly JsonEncodedText[] _lastEncoded = new JsonEncodedText[Depths * Positions];

        public JsonEncodedText Get(string name, int depth, int position)
        {
            if (depth >= Depths || position >= Positions)
            {
                return Lookup(name);
            }

            var slot = (depth * Positions) + position;
            if (ReferenceEquals(_lastNames[slot], name))
            {
                return _lastEncoded[slot];
            }

            var encoded = Lookup(name);
            _lastNames[slot] = name;
            _lastEncoded[slot] = encoded;
            return encoded;
        }

        private JsonEncodedText Lookup(string name)
        {
            if (!_byName.TryGetValue(name, out var encoded))
            {
                if (_byName.Count == MaxNames)
                {
                    _byName.Clear();
                }

                // The writer's own encoder, so the bytes are those WritePropertyName(string) writes.
                encoded = JsonEncodedText.Encode(name, WriterOptions.Encoder);
                _byName.Add(name, encoded);
            }

            return encoded;
        }
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
