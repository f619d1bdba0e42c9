namespace TestDataAgent.Generators.Generation;

/// <summary>
/// One generated record: field names to values in schema order. Values are <see cref="string"/>, <see cref="long"/>,
/// <see cref="decimal"/>, <see cref="double"/>, <see cref="bool"/>, nested <see cref="DataRecord"/>s,
/// <see cref="List{T}"/> of values, or <see langword="null"/>.
/// </summary>
public sealed class DataRecord : OrderedDictionary<string, object?>
{
    public const string IndexField = "_index";
    public const string ScenarioField = "_scenario";

    public DataRecord()
        : base(StringComparer.Ordinal)
    {
    }

    public DataRecord(int capacity)
        : base(capacity, StringComparer.Ordinal)
    {
    }
}
