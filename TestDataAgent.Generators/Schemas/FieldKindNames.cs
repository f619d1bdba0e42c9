namespace TestDataAgent.Generators.Schemas;

/// <summary>Maps <see cref="FieldKind"/> to and from the schema format's <c>type</c> strings.</summary>
public static class FieldKindNames
{
    private static readonly Dictionary<string, FieldKind> s_byName = new(StringComparer.Ordinal)
    {
        ["string"] = FieldKind.String,
        ["integer"] = FieldKind.Integer,
        ["float"] = FieldKind.Float,
        ["boolean"] = FieldKind.Boolean,
        ["date"] = FieldKind.Date,
        ["datetime"] = FieldKind.DateTime,
        ["email"] = FieldKind.Email,
        ["phone"] = FieldKind.Phone,
        ["address"] = FieldKind.Address,
        ["uuid"] = FieldKind.Uuid,
        ["enum"] = FieldKind.Enum,
        ["object"] = FieldKind.Object,
        ["array"] = FieldKind.Array,
    };

    public static IEnumerable<string> All => s_byName.Keys;

    public static bool TryParse(string name, out FieldKind kind) => s_byName.TryGetValue(name, out kind);

    public static string ToName(this FieldKind kind) => kind switch
    {
        FieldKind.DateTime => "datetime",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
