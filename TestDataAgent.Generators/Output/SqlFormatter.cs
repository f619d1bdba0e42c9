using System.Globalization;
using System.Text;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Output;

/// <summary>
/// SQL for one dialect (<see cref="SqlSyntax"/>; standard SQL by default): first (once per response or stream)
/// <c>CREATE TABLE IF NOT EXISTS</c>, then one <c>INSERT INTO "entity" ("col", …) VALUES (…);</c> per record. Identifiers
/// and strings are quoted so that any value round-trips; absent fields are NULL, objects and arrays JSON text.
/// </summary>
internal sealed class SqlFormatter : ChunkFormatter
{
    private readonly SqlSyntax _sql;
    private readonly string _prefix;
    private readonly string _createTable;
    private readonly string[] _columns;
    private readonly bool[] _timestamps;
    private readonly StringBuilder _statement = new(1024);

    public SqlFormatter(EntitySchema schema, SqlDialect dialect = SqlDialect.Ansi)
    {
        _sql = SqlSyntax.For(dialect);
        _columns = TabularColumns.For(schema);
        _timestamps = [.. _columns.Select(c => schema.FindField(c)?.Kind == FieldKind.DateTime)];
        _prefix = $"INSERT INTO {_sql.Identifier(schema.Name)} ({string.Join(", ", _columns.Select(_sql.Identifier))}) VALUES (";
        var definitions = schema.Fields
            .Select(f => $"  {_sql.Identifier(f.Name)} {_sql.Type(f.Kind, key: f.Name == schema.PrimaryKey)}{(f.Required ? " NOT NULL" : "")}{(f.Name == schema.PrimaryKey ? " PRIMARY KEY" : "")}")
            .Append($"  {_sql.Identifier(DataRecord.ScenarioField)} {_sql.ShortText} NOT NULL")
            .Append($"  {_sql.Identifier(DataRecord.IndexField)} BIGINT NOT NULL");
        _createTable = _sql.CreateTableIfMissing(_sql.Identifier(schema.Name), string.Join(",\n", definitions));
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

            var value = record.TryGetValue(_columns[i], out var found) ? found : null;
            AppendLiteral(_timestamps[i] && value is string text ? _sql.Timestamp(text) : value);
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
                _sql.AppendBoolean(_statement, b);
                break;
            case long or int or decimal:
                _statement.Append(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture));
                break;
            case double d:
                _statement.Append(d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case string s:
                _sql.AppendString(_statement, s);
                break;
            default:
                _sql.AppendString(_statement, RecordJson.ToJson(value));
                break;
        }
    }
}
