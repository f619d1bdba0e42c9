namespace TestDataAgent.Client.Seeding;

/// <summary>What a database column holds, as far as the seeder's conversions go.</summary>
internal enum ColumnKind
{
    Integer,
    Decimal,
    Real,
    Boolean,
    Text,
    Date,
    Timestamp,
    TimestampTz,
    Uuid,
    Json,

    /// <summary>SQLite's BLOB affinity (or no declared type): holds any value as given.</summary>
    Any,

    /// <summary>A type the seeder does not write (arrays, ranges, geometry …).</summary>
    Unsupported,
}
