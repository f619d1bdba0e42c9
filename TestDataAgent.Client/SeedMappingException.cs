namespace TestDataAgent.Client;

/// <summary>
/// A dataset that cannot go into the database as it is: a missing table, a required column with no source, a column
/// type that cannot hold the dataset's values. Thrown before a row is written when the catalog shows it, else at the
/// row (whose batch is rolled back and whose run is cleaned up).
/// </summary>
public sealed class SeedMappingException : InvalidOperationException
{
    public SeedMappingException(string table, string? column, string rule)
        : base(column is null ? $"{table}: {rule}" : $"{table}.{column}: {rule}")
    {
        Table = table;
        Column = column;
        Rule = rule;
    }

    /// <summary>A refusal the database made (a foreign key checked after loading): <paramref name="innerException"/> is its error.</summary>
    public SeedMappingException(string table, string? column, string rule, Exception innerException)
        : base(column is null ? $"{table}: {rule}" : $"{table}.{column}: {rule}", innerException)
    {
        Table = table;
        Column = column;
        Rule = rule;
    }

    public SeedMappingException()
    {
        Table = "";
        Rule = "";
    }

    public SeedMappingException(string message)
        : base(message)
    {
        Table = "";
        Rule = message;
    }

    public SeedMappingException(string message, Exception innerException)
        : base(message, innerException)
    {
        Table = "";
        Rule = message;
    }

    /// <summary>The database table.</summary>
    public string Table { get; }

    /// <summary>The column, when the rule is about one.</summary>
    public string? Column { get; }

    /// <summary>What cannot map, in words.</summary>
    public string Rule { get; }
}
