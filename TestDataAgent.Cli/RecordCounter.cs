using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Cli;

/// <summary>
/// Counts the records in a stream of output bytes, for the progress bar: NDJSON lines; JSON objects directly inside the
/// chunk arrays; CSV lines outside quotes, less the header; SQL statements outside quotes, less the <c>CREATE TABLE</c>.
/// </summary>
internal sealed class RecordCounter(DataFormat format)
{
    private readonly byte _quote = format == DataFormat.Sql ? (byte)'\'' : (byte)'"';
    private long _marks;
    private bool _inString;
    private bool _escaped;
    private int _depth;

    public long Records => format switch
    {
        DataFormat.Csv or DataFormat.Sql => Math.Max(0, _marks - 1),
        _ => _marks,
    };

    public void Add(ReadOnlySpan<byte> data)
    {
        if (format == DataFormat.Ndjson)
        {
            _marks += data.Count((byte)'\n');
            return;
        }

        foreach (var b in data)
        {
            if (_inString)
            {
                // JSON escapes with a backslash; CSV and SQL double the quote, which toggles twice.
                _inString = _escaped || b != _quote;
                _escaped = format == DataFormat.Json && !_escaped && b == '\\';
                continue;
            }

            if (b == _quote)
            {
                _inString = true;
            }
            else if (format == DataFormat.Json)
            {
                CountJson(b);
            }
            else if (b == (format == DataFormat.Csv ? '\n' : ';'))
            {
                _marks++;
            }
        }
    }

    private void CountJson(byte b)
    {
        if (b is (byte)'{' or (byte)'[')
        {
            if (b == '{' && _depth == 1)
            {
                _marks++;
            }

            _depth++;
        }
        else if (b is (byte)'}' or (byte)']')
        {
            _depth--;
        }
    }
}
