namespace TestDataAgent.Client;

/// <summary>Where the seeder's rows go.</summary>
public enum SeedMode
{
    /// <summary>
    /// Create the dataset's tables from its DDL (primary keys and <c>REFERENCES</c>, parents first); a table that
    /// already exists is kept and filled as in <see cref="ExistingTables"/>.
    /// </summary>
    CreateTables,

    /// <summary>
    /// Fill tables that exist: columns matched by name from the database's catalog, values converted to the column's
    /// type, and anything that cannot map refused before a row is written.
    /// </summary>
    ExistingTables,
}
