using System.Text;
using System.Text.Json;
using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Mcp;

/// <summary>
/// Collects the records of one stream (a run, or a dataset's table) from its chunks while the <see cref="InlineBudget"/>
/// lasts, cut at record boundaries so that what is kept reads as the format does: JSON chunks (each an array) become one
/// array, NDJSON lines, CSV rows after the header (quoted line breaks stay inside their row), SQL statements after the
/// <c>CREATE TABLE</c> (quoted text stays inside its statement). The first record that does not fit ends the collection.
/// </summary>
internal sealed class InlineRecords(DataFormat format, InlineBudget budget)
{
    private readonly StringBuilder _text = new();
    private bool _firstChunk = true;

    public int Records { get; private set; }

    /// <summary>False once a record did not fit: the caller stops the stream.</summary>
    public bool Add(ReadOnlySpan<byte> chunk)
    {
        var first = _firstChunk;
        _firstChunk = false;
        return format == DataFormat.Json ? AddJson(chunk) : AddLines(chunk, first);
    }

    /// <summary>The records kept, in the format asked for.</summary>
    public string Text() => format == DataFormat.Json ? (Records == 0 ? "[]" : _text.ToString() + "]") : _text.ToString();

    private bool AddJson(ReadOnlySpan<byte> chunk)
    {
        var reader = new Utf8JsonReader(chunk);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return true;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            var record = chunk[start..(int)reader.BytesConsumed];
            // "[" before the first record, "," before the others, and "]" at the end: one byte each.
            if (!budget.TryTake(record.Length + 1 + (Records == 0 ? 1 : 0)))
            {
                return false;
            }

            _text.Append(Records == 0 ? '[' : ',').Append(Encoding.UTF8.GetString(record));
            Records++;
        }

        return true;
    }

    private bool AddLines(ReadOnlySpan<byte> chunk, bool firstChunk)
    {
        var start = 0;
        var quote = (byte)0;
        for (var i = 0; i < chunk.Length; i++)
        {
            var b = chunk[i];
            if (quote != 0)
            {
                // A doubled quote ('' or "") closes and reopens: the state comes out right either way.
                quote = b == quote ? (byte)0 : quote;
                continue;
            }

            if (IsQuote(b))
            {
                quote = b;
                continue;
            }

            if (b != (byte)'\n' || (format == DataFormat.Sql && (i == 0 || chunk[i - 1] != (byte)';')))
            {
                continue;
            }

            var line = chunk[start..(i + 1)];
            var isPreamble = format switch
            {
                DataFormat.Csv => firstChunk && start == 0,
                DataFormat.Sql => !line.StartsWith("INSERT"u8),
                _ => false,
            };
            if (isPreamble)
            {
                budget.Spend(line.Length);
            }
            else if (!budget.TryTake(line.Length))
            {
                return false;
            }
            else
            {
                Records++;
            }

            _text.Append(Encoding.UTF8.GetString(line));
            start = i + 1;
        }

        return true;
    }

    private bool IsQuote(byte b) => format switch
    {
        DataFormat.Csv => b == (byte)'"',
        DataFormat.Sql => b is (byte)'\'' or (byte)'"',
        _ => false,   // NDJSON: a line break inside a JSON string is escaped
    };
}
