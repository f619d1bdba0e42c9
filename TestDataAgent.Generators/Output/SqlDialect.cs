using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Generators.Output;

/// <summary>Which database the SQL output is written for: its quoting, escaping, types and <c>CREATE TABLE</c>.</summary>
public enum SqlDialect
{
    /// <summary>Standard SQL, the output's bytes from before dialects existed; runs in SQLite and PostgreSQL.</summary>
    Ansi,
    Postgres,
    Sqlite,
    Mysql,
    SqlServer,
}

/// <summary>The names callers use for <see cref="SqlDialect"/>, in requests (<c>sql_dialect</c>) and the CLI.</summary>
public static class SqlDialects
{
    public static IReadOnlyList<string> Names { get; } = ["ansi", "postgres", "sqlite", "mysql", "sqlserver"];

    /// <summary>Empty is <see cref="SqlDialect.Ansi"/>; names are case-insensitive.</summary>
    /// <exception cref="InvalidRequestException">Not a dialect's name.</exception>
    public static SqlDialect Parse(string text, string field = "sql_dialect") => text.Trim().ToLowerInvariant() switch
    {
        "" or "ansi" => SqlDialect.Ansi,
        "postgres" or "postgresql" => SqlDialect.Postgres,
        "sqlite" => SqlDialect.Sqlite,
        "mysql" or "mariadb" => SqlDialect.Mysql,
        "sqlserver" or "mssql" => SqlDialect.SqlServer,
        _ => throw new InvalidRequestException(field, $"{field} '{Echo.Quote(text)}' is not one of {string.Join(", ", Names)}"),
    };
}
