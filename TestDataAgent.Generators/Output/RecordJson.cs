using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Output;

/// <summary>
/// Writes the record value model as compact JSON, with the same bytes for the same values on every run: the bytes a
/// <see cref="Utf8JsonWriter"/> with <see cref="WriterOptions"/> writes, written straight into the output buffer.
/// </summary>
/// <remarks>
/// A record is mostly short ASCII text, integers and names it had before, so those take a direct path: a name's bytes
/// (<c>"name":</c>) are made once per thread, text that the writer's encoder leaves as it is (asked of the encoder itself)
/// is copied byte for byte, integers and decimals are formatted as the writer formats them. Text that needs escaping and
/// floating-point numbers are handed to a <see cref="Utf8JsonWriter"/> with the same options, so their bytes are its bytes.
/// </remarks>
public static partial class RecordJson
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

    // The writer refuses to nest deeper than its MaxDepth (1,000 by default); so does this.
    private const int MaxDepth = 1000;

    // The longest text Utf8Formatter writes for a decimal: 29 digits, a sign and a point.
    private const int MaxDecimalBytes = 31;

    private static readonly SearchValues<char> s_plain = SearchValues.Create(PlainAscii());

    /// <summary>Writes <paramref name="value"/> at the writer's position, as the writer would write it.</summary>
    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        using var output = new PooledBufferWriter(256);
        WriteValue(output, value, t_names ??= new EncodedNames(), depth: 0, nesting: 0);
        writer.WriteRawValue(output.WrittenSpan, skipInputValidation: true);
    }

    /// <summary>Writes <paramref name="record"/> as one compact JSON object at the end of <paramref name="output"/>.</summary>
    public static void WriteRecord(PooledBufferWriter output, DataRecord record) => WriteRecord(output, record, t_names ??= new EncodedNames(), depth: 0, nesting: 0);

    /// <summary>A value as compact JSON text (nested values in CSV cells and SQL literals).</summary>
    public static string ToJson(object? value)
    {
        using var output = new PooledBufferWriter(256);
        WriteValue(output, value, t_names ??= new EncodedNames(), depth: 0, nesting: 0);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    // A nested object's names are remembered at its own depth (records only), apart from its parent's; nesting counts
    // objects and arrays, as the writer's depth limit does.
    private static void WriteValue(PooledBufferWriter output, object? value, EncodedNames names, int depth, int nesting)
    {
        switch (value)
        {
            case null:
                output.Write("null"u8);
                break;
            case string s:
                WriteString(output, s);
                break;
            case long l:
                WriteInteger(output, l);
                break;
            case int i:
                WriteInteger(output, i);
                break;
            case decimal d:
                Utf8Formatter.TryFormat(d, output.GetSpan(MaxDecimalBytes), out var written);
                output.Advance(written);
                break;
            case bool b:
                output.Write(b ? "true"u8 : "false"u8);
                break;
            case DataRecord record:
                WriteRecord(output, record, names, depth, nesting);
                break;
            case List<object?> list:
                Nest(nesting);
                output.Write((byte)'[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        output.Write((byte)',');
                    }

                    WriteValue(output, list[i], names, depth, nesting + 1);
                }

                output.Write((byte)']');
                break;
            case double d:
                WriteThroughWriter(output, d);
                break;
            default:
                var text = Convert.ToString(value, CultureInfo.InvariantCulture);
                if (text is null)
                {
                    output.Write("null"u8);
                }
                else
                {
                    WriteString(output, text);
                }

                break;
        }
    }

    private static void WriteRecord(PooledBufferWriter output, DataRecord record, EncodedNames names, int depth, int nesting)
    {
        Nest(nesting);
        output.Write((byte)'{');
        for (var i = 0; i < record.Count; i++)
        {
            var (name, value) = record.GetAt(i);
            if (i > 0)
            {
                output.Write((byte)',');
            }

            output.Write(names.Get(name, depth, i));
            WriteValue(output, value, names, depth + 1, nesting + 1);
        }

        output.Write((byte)'}');
    }

    private static void Nest(int nesting)
    {
        if (nesting >= MaxDepth)
        {
            throw new InvalidOperationException($"A value nests deeper than {MaxDepth} objects and arrays; JSON output stops there.");
        }
    }

    private static void WriteString(PooledBufferWriter output, string text)
    {
        if (text.AsSpan().ContainsAnyExcept(s_plain))
        {
            WriteThroughWriter(output, text);
            return;
        }

        var span = output.GetSpan(text.Length + 2);
        span[0] = (byte)'"';
        Ascii.FromUtf16(text, span[1..], out _);
        span[text.Length + 1] = (byte)'"';
        output.Advance(text.Length + 2);
    }

    private static void WriteInteger(PooledBufferWriter output, long value)
    {
        Utf8Formatter.TryFormat(value, output.GetSpan(20), out var written);
        output.Advance(written);
    }

    private static void WriteThroughWriter(PooledBufferWriter output, string text)
    {
        var writer = (t_scratch ??= new Scratch()).Begin();
        writer.WriteStringValue(text);
        t_scratch.End(output);
    }

    private static void WriteThroughWriter(PooledBufferWriter output, double number)
    {
        var writer = (t_scratch ??= new Scratch()).Begin();
        writer.WriteNumberValue(number);
        t_scratch.End(output);
    }

    // Printable ASCII that the writer's encoder writes as itself: the text made of these alone is copied as it is.
    private static string PlainAscii()
    {
        var plain = new StringBuilder();
        for (var c = ' '; c <= '~'; c++)
        {
            var one = c.ToString();
            if (JsonEncodedText.Encode(one, WriterOptions.Encoder).Value == one)
            {
                plain.Append(c);
            }
        }

        return plain.ToString();
    }

    [ThreadStatic]
    private static Scratch? t_scratch;

    // A writer with the same options, for the values it writes better than this class does; one per thread, for the
    // thread's life.
    private sealed class Scratch : IDisposable
    {
        // What the writer may keep between values; a longer value's buffer is let go after it.
        private const int KeptBytes = 64 * 1024;

        private readonly Utf8JsonWriter _writer;
        private ArrayBufferWriter<byte> _written = new(256);

        public Scratch() => _writer = new Utf8JsonWriter(_written, WriterOptions);

        public Utf8JsonWriter Begin()
        {
            _written.ResetWrittenCount();
            _writer.Reset(_written);
            return _writer;
        }

        public void End(PooledBufferWriter output)
        {
            _writer.Flush();
            output.Write(_written.WrittenSpan);
            if (_written.Capacity > KeptBytes)
            {
                // Begin points the writer at the new one.
                _written = new ArrayBufferWriter<byte>(256);
            }
        }

        public void Dispose() => _writer.Dispose();
    }
}
