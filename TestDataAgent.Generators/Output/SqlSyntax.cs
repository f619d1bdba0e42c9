using System.Globalization;
using System.Text;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Output;

/// <summary>
/// One dialect's way of writing SQL. Every string round-trips: ANSI, SQLite and PostgreSQL double single quotes; SQL
/// Server writes <c>N'…'</c>; MySQL doubles quotes and writes a string holding a backslash or NUL as a hex literal
/// (<c>_utf8mb4 0x…</c>), which reads the same whatever <c>sql_mode</c> says about backslashes. PostgreSQL cannot store
/// NUL in text, so it is dropped there.
/// </summary>
internal sealed class SqlSyntax
{
    private static readonly SqlSyntax[] s_all = [.. Enum.GetValues<SqlDialect>().Select(d => new SqlSyntax(d))];

    private SqlSyntax(SqlDialect dialect) => Dialect = dialect;

    public SqlDialect Dialect { get; }

    public static SqlSyntax For(SqlDialect dialect) => s_all[(int)dialect];

    public string Identifier(string name) => Dialect switch
    {
        SqlDialect.Mysql => $"`{name.Replace("`", "``", StringComparison.Ordinal)}`",
        SqlDialect.SqlServer => $"[{name.Replace("]", "]]", StringComparison.Ordinal)}]",
        _ => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"",
    };

    public void AppendBoolean(StringBuilder sql, bool value) =>
        sql.Append(Dialect == SqlDialect.SqlServer ? (value ? "1" : "0") : (value ? "TRUE" : "FALSE"));

    public void AppendString(StringBuilder sql, string text)
    {
        switch (Dialect)
        {
            case SqlDialect.SqlServer:
                sql.Append("N'").Append(text.Replace("'", "''", StringComparison.Ordinal)).Append('\'');
                break;
            case SqlDialect.Mysql when text.AsSpan().IndexOfAny('\\', '\0') >= 0:
                sql.Append("_utf8mb4 0x").Append(Convert.ToHexString(Encoding.UTF8.GetBytes(text)));
                break;
            case SqlDialect.Postgres when text.Contains('\0', StringComparison.Ordinal):
                AppendQuoted(sql, text.Replace("\0", "", StringComparison.Ordinal));
                break;
            default:
                AppendQuoted(sql, text);
                break;
        }
    }

    /// <summary>A timestamp's text as the dialect's column takes it: MySQL's DATETIME wants no zone (values are UTC).</summary>
    public string Timestamp(string text) =>
        Dialect == SqlDialect.Mysql && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture).TrimEnd('.')
            : text;

    /// <param name="kind">The field's kind.</param>
    /// <param name="key">Whether the column is a primary or foreign key: MySQL and SQL Server cannot index unbounded text.</param>
    public string Type(FieldKind kind, bool key = false) => (Dialect, kind) switch
    {
        (_, FieldKind.Integer) => "BIGINT",
        (_, FieldKind.Float) => "DECIMAL(18, 2)",
        (SqlDialect.SqlServer, FieldKind.Boolean) => "BIT",
        (_, FieldKind.Boolean) => "BOOLEAN",
        (_, FieldKind.Date) => "DATE",
        (SqlDialect.Postgres, FieldKind.DateTime) => "TIMESTAMPTZ",
        (SqlDialect.Mysql, FieldKind.DateTime) => "DATETIME(6)",
        (SqlDialect.SqlServer, FieldKind.DateTime) => "DATETIMEOFFSET",
        (_, FieldKind.DateTime) => "TIMESTAMP",
        (SqlDialect.Postgres, FieldKind.Object or FieldKind.Array) => "JSONB",
        (SqlDialect.Mysql or SqlDialect.SqlServer, _) when key => Dialect == SqlDialect.Mysql ? "VARCHAR(255)" : "NVARCHAR(255)",
        (SqlDialect.SqlServer, _) => "NVARCHAR(MAX)",
        // Text, enums, and objects or arrays as JSON text.
        _ => "TEXT",
    };

    /// <summary>A short bounded text column (the scenario name).</summary>
    public string ShortText => Dialect == SqlDialect.SqlServer ? "NVARCHAR(255)" : "VARCHAR(255)";

    /// <summary>What a script starts with: MySQL's client is told the text is UTF-8 (its default may be latin1).</summary>
    public string ScriptStart => Dialect == SqlDialect.Mysql ? "SET NAMES utf8mb4;\n" : "";

    /// <summary>What follows a table's columns: MySQL's tables hold all of Unicode (its default charset may not).</summary>
    public string TableOptions => Dialect == SqlDialect.Mysql ? " DEFAULT CHARSET=utf8mb4" : "";

    /// <summary><c>CREATE TABLE</c> that does nothing when the table exists (SQL Server has no <c>IF NOT EXISTS</c>).</summary>
    public string CreateTableIfMissing(string table, string body) => Dialect == SqlDialect.SqlServer
        ? $"IF OBJECT_ID(N'{table.Replace("'", "''", StringComparison.Ordinal)}', N'U') IS NULL\nCREATE TABLE {table} (\n{body}\n);\n"
        : $"{ScriptStart}CREATE TABLE IF NOT EXISTS {table} (\n{body}\n){TableOptions};\n";

    private static void AppendQuoted(StringBuilder sql, string text) =>
        sql.Append('\'').Append(text.Replace("'", "''", StringComparison.Ordinal)).Append('\'');
}
