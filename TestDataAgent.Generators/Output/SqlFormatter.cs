using System.Globalization;
using System.Text;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Output;

/// <summary>
/// One <c>INSERT INTO "entity" ("col", …) VALUES (…);</c> per record, in standard SQL: identifiers double-quoted,
/// strings single-quoted with quotes doubled, booleans TRUE/FALSE, absent fields NULL, objects and arrays as JSON text.
/// </summary>
internal sealed class SqlFormatter : ChunkFormatter
{
    private readonly string _prefix;
    private readonly string[] _columns;
    private readonly StringBuilder _statement = new(1024);

    public SqlFormatter(EntitySchema schema)
    {
        _columns = TabularColumns.For(schema);
        _prefix = $"INSERT INTO {Identifier(schema.Name)} ({string.Join(", ", _columns.Select(Identifier))}) VALUES (";
    }

    protected override void WriteRecord(DataRecord record, bool firstInChunk)
    {
        _statement.Clear().Append(_prefix);
        for (var i = 0; i < _columns.Length; i++)
        {
            if (i > 0)
            {
                _statement.Append(", ");
            }

            AppendLiteral(record.TryGetValue(_columns[i], out var value) ? value : null);
        }

        WriteText(_statement.Append(");\n").ToString());
    }

    private void AppendLiteral(object? value)
    {
        switch (value)
        {
            case null:
                _statement.Append("NULL");
                break;
            case bool b:
                _statement.Append(b ? "TRUE" : "FALSE");
                break;
            case long or int or decimal:
                _statement.Append(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture));
                break;
            case double d:
                _statement.Append(d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case string s:
                AppendString(s);
                break;
            default:
                AppendString(RecordJson.ToJson(value));
                break;
        }
    }

    private void AppendString(string text) =>
        _statement.Append('\'').Append(text.Replace("'", "''", StringComparison.Ordinal)).Append('\'');

    private static string Identifier(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
