using System.Text;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Output;

namespace TestDataAgent.Generators.Datasets;

/// <summary>
/// The DDL of a dataset: one <c>CREATE TABLE</c> per table, parents first, with the primary key and a
/// <c>REFERENCES</c> clause for every foreign key, in the request's dialect (<see cref="SqlSyntax"/>; the default runs
/// unchanged in SQLite with <c>PRAGMA foreign_keys = ON</c> and in PostgreSQL).
/// </summary>
internal static class DatasetSqlSchema
{
    public static string Create(IEnumerable<DatasetTable> tables, SqlDialect dialect = SqlDialect.Ansi)
    {
        var sql = SqlSyntax.For(dialect);
        var text = new StringBuilder(sql.ScriptStart);
        foreach (var table in tables)
        {
            var lines = new List<string>();
            foreach (var field in table.OutputSchema.Fields)
            {
                var reference = table.References.FirstOrDefault(r => r.Column == field.Name);
                var line = $"  {sql.Identifier(field.Name)} {sql.Type(field.Kind, key: field.Name == table.PrimaryKey || reference is not null)}";
                if (field.Name == table.PrimaryKey)
                {
                    line += " NOT NULL PRIMARY KEY";
                }
                else if (field.Required)
                {
                    line += " NOT NULL";
                }

                if (reference is not null)
                {
                    line += $" REFERENCES {sql.Identifier(reference.Target.Name)} ({sql.Identifier(reference.Target.PrimaryKey!)})";
                }

                lines.Add(line);
            }

            lines.Add($"  {sql.Identifier(DataRecord.ScenarioField)} {sql.ShortText} NOT NULL");
            lines.Add($"  {sql.Identifier(DataRecord.IndexField)} BIGINT NOT NULL");
            text.Append("CREATE TABLE ").Append(sql.Identifier(table.Name)).Append(" (\n").AppendJoin(",\n", lines).Append('\n').Append(')').Append(sql.TableOptions).Append(";\n");
        }

        return text.ToString();
    }
}
