namespace TestDataAgent.Client.Seeding;

/// <summary>
/// A column of a database table as its catalog describes it. <c>TypeName</c> is the type as the catalog spells it
/// (<c>character varying</c>, <c>DECIMAL(18, 2)</c>); <c>HasDefault</c> covers a default, an identity or a rowid alias
/// (the database fills it when no value is given); <c>Generated</c> columns are computed and never written;
/// <c>Bits</c> is the integer width (16, 32, 64) or float width (32, 64), 64 when unknown.
/// </summary>
internal sealed record TargetColumn(
    string Name,
    string TypeName,
    ColumnKind Kind,
    bool Nullable,
    bool HasDefault,
    bool Generated,
    int? MaxLength = null,
    int? Precision = null,
    int? Scale = null,
    int Bits = 64);
