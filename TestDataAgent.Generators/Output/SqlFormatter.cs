using System.Globalization;
using System.Text;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Output;

/// <summary>
/// Standard SQL: first (once per response or stream) <c>CREATE TABLE IF NOT EXISTS</c> with portable types, then one
/// <c>INSERT INTO "entity" ("col", …) VALUES (…);</c> per record. Identifiers are double-quoted, strings single-quoted
/// with quotes doubled (any string round-trips), booleans TRUE/FALSE, absent fields NULL, objects and arrays JSON text.
/// </summary>
internal sealed class SqlFormatter : ChunkFormatter
{
    private readonly string _prefix;
    private readonly string _createTable;
    private readonly string[] _columns;
    private readonly StringBuilder _statement = new(1024);

    public SqlFormatter(EntitySchema schema)
    {
        _columns = TabularColumns.For(schema);
        _prefix = $"INSERT INTO {Identifier(schema.Name)} ({string.Join(", ", _columns.Select(Identifier))}) VALUES (";
        var definitions = schema.Fields
            .Select(f => $"  {Identifier(f.Name)} {SqlType(f.Kind)}{(f.Required ? " NOT NULL" : "")}{(f.Name == schema.PrimaryKey ? " PRIMARY KEY" : "")}")
            .Append($"  {Identifier(DataRecord.ScenarioField)} VARCHAR(255) NOT NULL")
            .Append($"  {Identifier(DataRecord.IndexField)} BIGINT NOT NULL");
        _createTable = $"CREATE TABLE IF NOT EXISTS {Identifier(schema.Name)} (\n{string.Join(",\n", definitions)}\n);\n";
    }

    protected override void WriteRecord(DataRecord record, bool firstInChunk)
    {
        if (firstInChunk && !PastFirstChunk)
        {
            WriteText(_createTable);
        }

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

    internal static string SqlType(FieldKind kind) => kind switch
    {
        FieldKind.Integer => "BIGINT",
        FieldKind.Float => "DECIMAL(18, 2)",
        FieldKind.Boolean => "BOOLEAN",
        FieldKind.Date => "DATE",
        FieldKind.DateTime => "TIMESTAMP",
        // Text, enums, and objects or arrays as JSON text.
        _ => "TEXT",
    };

    internal static string Identifier(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
