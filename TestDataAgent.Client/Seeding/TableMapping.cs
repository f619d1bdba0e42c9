namespace TestDataAgent.Client.Seeding;

/// <summary>
/// How one dataset table goes into one database table: the columns written (matched by name), the key recorded for
/// clean-up, and the table's place in the stream (parents first). Everything that cannot map is refused here, from the
/// catalog, before a row is written.
/// </summary>
internal sealed class TableMapping
{
    private TableMapping(string table, int order, IReadOnlyList<MappedColumn> columns, int keyIndex)
    {
        Table = table;
        Order = order;
        Columns = columns;
        KeyIndex = keyIndex;
    }

    public string Table { get; }

    /// <summary>The table's position in the dataset (parents first); clean-up deletes in the reverse order.</summary>
    public int Order { get; }

    public IReadOnlyList<MappedColumn> Columns { get; }

    /// <summary>The index in <see cref="Columns"/> of the primary key whose values are recorded for clean-up.</summary>
    public int KeyIndex { get; }

    public MappedColumn Key => Columns[KeyIndex];

    public static TableMapping Build(DatasetTableShape source, TargetTable? target, int order)
    {
        if (target is null)
        {
            throw new SeedMappingException(source.Name, null, "the table does not exist (SeedMode.ExistingTables fills existing tables; SeedMode.CreateTables creates them)");
        }

        var fields = source.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var columns = new List<MappedColumn>();
        foreach (var column in target.Columns.Where(c => !c.Generated))
        {
            if (fields.TryGetValue(column.Name, out var field))
            {
                RefuseIncompatible(target.Name, column, field);
                columns.Add(new MappedColumn(column, field.Name, field.SqlType));
            }
            else if (!column.Nullable && !column.HasDefault)
            {
                throw new SeedMappingException(target.Name, column.Name, "NOT NULL column with no default and no source: the dataset has no field of this name");
            }
        }

        if (target.PrimaryKey.Count != 1)
        {
            throw new SeedMappingException(target.Name, null,
                $"the seeder records each inserted row's primary key for clean-up, and this table has {(target.PrimaryKey.Count == 0 ? "none" : "a composite one")}");
        }

        var keyIndex = columns.FindIndex(c => c.Target.Name == target.PrimaryKey[0]);
        if (keyIndex < 0)
        {
            throw new SeedMappingException(target.Name, target.PrimaryKey[0], "primary key with no source: the seeder records the keys it inserts, so the dataset must give them");
        }

        if (columns[keyIndex].Target.Kind is not (ColumnKind.Integer or ColumnKind.Text or ColumnKind.Uuid or ColumnKind.Any))
        {
            throw new SeedMappingException(target.Name, target.PrimaryKey[0], $"primary key of type {columns[keyIndex].Target.TypeName}: clean-up matches integer, text and uuid keys");
        }

        return new TableMapping(target.Name, order, columns, keyIndex);
    }

    private static void RefuseIncompatible(string table, TargetColumn column, DatasetColumn field)
    {
        if (column.Kind == ColumnKind.Unsupported)
        {
            throw new SeedMappingException(table, column.Name, $"column type {column.TypeName} is not one the seeder writes");
        }

        var source = SourceKind(field.SqlType);
        var holds = column.Kind switch
        {
            ColumnKind.Any or ColumnKind.Text or ColumnKind.Json => true,
            ColumnKind.Integer => source == ColumnKind.Integer,
            ColumnKind.Decimal or ColumnKind.Real => source is ColumnKind.Integer or ColumnKind.Decimal,
            ColumnKind.Boolean => source == ColumnKind.Boolean,
            ColumnKind.Date => source == ColumnKind.Date,
            ColumnKind.Timestamp or ColumnKind.TimestampTz => source is ColumnKind.Date or ColumnKind.Timestamp,
            ColumnKind.Uuid => source == ColumnKind.Text,
            _ => false,
        };
        if (!holds)
        {
            throw new SeedMappingException(table, column.Name, $"column type {column.TypeName} cannot hold the dataset's {field.SqlType} values");
        }
    }

    /// <summary>The kind of the dataset's portable SQL types (<c>SqlFormatter.SqlType</c> on the server).</summary>
    private static ColumnKind SourceKind(string sqlType) => sqlType.ToUpperInvariant() switch
    {
        "BIGINT" => ColumnKind.Integer,
        var t when t.StartsWith("DECIMAL", StringComparison.Ordinal) => ColumnKind.Decimal,
        "BOOLEAN" => ColumnKind.Boolean,
        "DATE" => ColumnKind.Date,
        "TIMESTAMP" => ColumnKind.Timestamp,
        _ => ColumnKind.Text,
    };
}
