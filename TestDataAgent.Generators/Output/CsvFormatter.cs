using System.Globalization;
using System.Text;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Output;

/// <summary>
/// RFC 4180 CSV: a header row (first chunk only), CRLF line ends, fields quoted when they hold a comma, quote or
/// line break. Objects and arrays are JSON text in their cell; an absent optional field is an empty cell. Unless the
/// request asks for raw cells, a cell (header cells too) that a spreadsheet would evaluate is neutralised (<see cref="CsvCells"/>).
/// </summary>
internal sealed class CsvFormatter(EntitySchema schema, bool neutraliseFormulas = true) : ChunkFormatter
{
    private readonly string[] _columns = TabularColumns.For(schema);
    private readonly StringBuilder _line = new(512);

    protected override void WriteRecord(DataRecord record, bool firstInChunk)
    {
        if (firstInChunk && !PastFirstChunk)
        {
            _line.Clear();
            for (var i = 0; i < _columns.Length; i++)
            {
                AppendCell(i, _columns[i]);
            }

            WriteText(_line.Append("\r\n").ToString());
        }

        _line.Clear();
        for (var i = 0; i < _columns.Length; i++)
        {
            AppendCell(i, record.TryGetValue(_columns[i], out var value) ? Cell(value) : "");
        }

        WriteText(_line.Append("\r\n").ToString());
    }

    private void AppendCell(int position, string text)
    {
        if (position > 0)
        {
            _line.Append(',');
        }

        if (neutraliseFormulas)
        {
            text = CsvCells.Neutralise(text);
        }

        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _line.Append(text);
            return;
        }

        _line.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        DataRecord or List<object?> => RecordJson.ToJson(value),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
