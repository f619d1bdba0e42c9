using System.Text;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Output;

namespace TestDataAgent.Generators.Datasets;

/// <summary>
/// The DDL of a dataset: one <c>CREATE TABLE</c> per table, parents first, with the primary key and a
/// <c>REFERENCES</c> clause for every foreign key, in the portable SQL the single-entity SQL output uses (runs unchanged
/// in SQLite with <c>PRAGMA foreign_keys = ON</c> and in PostgreSQL).
/// </summary>
internal static class DatasetSqlSchema
{
    public static string Create(IEnumerable<DatasetTable> tables)
    {
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            var lines = new List<string>();
            foreach (var field in table.OutputSchema.Fields)
            {
                var line = $"  {SqlFormatter.Identifier(field.Name)} {SqlFormatter.SqlType(field.Kind)}";
                if (field.Name == table.PrimaryKey)
                {
                    line += " NOT NULL PRIMARY KEY";
                }
                else if (field.Required)
                {
                    line += " NOT NULL";
                }

                if (table.References.FirstOrDefault(r => r.Column == field.Name) is { } reference)
                {
                    line += $" REFERENCES {SqlFormatter.Identifier(reference.Target.Name)} ({SqlFormatter.Identifier(reference.Target.PrimaryKey!)})";
                }

                lines.Add(line);
            }

            lines.Add($"  {SqlFormatter.Identifier(DataRecord.ScenarioField)} VARCHAR(255) NOT NULL");
            lines.Add($"  {SqlFormatter.Identifier(DataRecord.IndexField)} BIGINT NOT NULL");
            text.Append("CREATE TABLE ").Append(SqlFormatter.Identifier(table.Name)).Append(" (\n").AppendJoin(",\n", lines).Append("\n);\n");
        }

        return text.ToString();
    }
}
