using System.Text.RegularExpressions;

namespace TestDataAgent.Client.Seeding;

/// <summary>
/// Reads the dataset's DDL (the SQL format's first chunk: one <c>CREATE TABLE</c> per table, parents first, one
/// column a line) into table shapes, and makes it safe to run on a database that has some of the tables already.
/// </summary>
internal static partial class DatasetDdl
{
    public static IReadOnlyList<DatasetTableShape> Parse(string ddl)
    {
        var tables = new List<DatasetTableShape>();
        string? table = null;
        var columns = new List<DatasetColumn>();
        var foreignKeys = new List<DatasetForeignKey>();
        foreach (var line in ddl.Split('\n'))
        {
            if (CreateTable().Match(line) is { Success: true } create)
            {
                table = Unquote(create.Groups["name"].Value);
                columns = [];
                foreignKeys = [];
            }
            else if (table is not null && line.StartsWith(')'))
            {
                tables.Add(new DatasetTableShape(table, columns, foreignKeys));
                table = null;
            }
            else if (table is not null && Column().Match(line) is { Success: true } column)
            {
                var rest = column.Groups["rest"].Value;
                var name = Unquote(column.Groups["name"].Value);
                columns.Add(new DatasetColumn(name, column.Groups["type"].Value,
                    rest.Contains("NOT NULL", StringComparison.Ordinal), rest.Contains("PRIMARY KEY", StringComparison.Ordinal)));
                if (References().Match(rest) is { Success: true } reference)
                {
                    foreignKeys.Add(new DatasetForeignKey(table, name, Unquote(reference.Groups["table"].Value), Unquote(reference.Groups["column"].Value)));
                }
            }
        }

        if (tables.Count == 0)
        {
            throw new InvalidOperationException("The dataset's SQL output has no CREATE TABLE: the service did not send the dataset's DDL first.");
        }

        return tables;
    }

    /// <summary>The DDL with every <c>CREATE TABLE</c> made <c>CREATE TABLE IF NOT EXISTS</c> (both databases accept it).</summary>
    public static string IfNotExists(string ddl) => CreateTable().Replace(ddl, m => $"CREATE TABLE IF NOT EXISTS {m.Groups["name"].Value} (");

    /// <summary>The DDL without its <c>REFERENCES</c> clauses (keys, <c>NOT NULL</c> and types kept), for loading before the foreign keys.</summary>
    public static string WithoutReferences(string ddl) => References().Replace(ddl, "");

    private static string Unquote(string quoted) => quoted[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);

    [GeneratedRegex("""^CREATE TABLE (?<name>"(?:[^"]|"")+") \(""", RegexOptions.Multiline)]
    private static partial Regex CreateTable();

    [GeneratedRegex(""" REFERENCES (?<table>"(?:[^"]|"")+") \((?<column>"(?:[^"]|"")+")\)""")]
    private static partial Regex References();

    [GeneratedRegex("""^\s+(?<name>"(?:[^"]|"")+")\s+(?<type>[A-Za-z ]+?(?:\([^)]*\))?)(?<rest>(?: NOT NULL| PRIMARY KEY| REFERENCES .*)*),?\s*$""")]
    private static partial Regex Column();
}
