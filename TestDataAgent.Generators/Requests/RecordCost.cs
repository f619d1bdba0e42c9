using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Requests;

/// <summary>
/// An upper bound of one record's size in bytes of JSON, from the schema alone (lengths, array sizes, nesting) and the
/// scenarios' overrides: what the request validator compares with <see cref="GenerationOptions.MaxRecordBytes"/> before
/// any record is made, so no record can grow without bound (an array of arrays sixteen deep, a five-megabyte string).
/// </summary>
internal static class RecordCost
{
    // What a value of each kind can take, quotes and separator included, when the schema sets no length.
    private const double Number = 24;
    private const double Instant = 32;
    private const double Text = 256;
    private const double Long = 2_048;
    private const int DefaultMaxItems = 5;

    /// <summary>The schema's part of the bound: the same for every request of the schema.</summary>
    public static double SchemaBytes(EntitySchema schema) => Fields(schema.Fields, depth: 0);

    /// <summary>The bound from the schema's part (<see cref="SchemaBytes"/>) and the scenarios' overrides.</summary>
    public static double MaxBytes(double fields, IReadOnlyList<ScenarioPlan> scenarios)
    {
        var overrides = 0.0;
        foreach (var scenario in scenarios)
        {
            var extra = 0.0;
            foreach (var (path, value) in scenario.Overrides)
            {
                // A fixed value may be longer than anything the field would make; count it on top, to be safe.
                extra += path.Length + 4 + (value is OverrideRange ? Instant : RecordJson.ToJson(value).Length);
            }

            overrides = Math.Max(overrides, extra);
        }

        return fields + overrides + 64;
    }

    private static double Fields(IReadOnlyList<FieldDefinition> fields, int depth)
    {
        var total = 2.0;
        foreach (var field in fields)
        {
            total += field.Name.Length + 4 + Value(field, depth);
        }

        return total;
    }

    private static double Value(FieldDefinition field, int depth) => field.Kind switch
    {
        FieldKind.Integer or FieldKind.Float or FieldKind.Boolean => Number,
        FieldKind.Date or FieldKind.DateTime => Instant,
        FieldKind.Enum => 4 + (field.Values.Count == 0 ? Text : field.Values.Max(v => (double)v.Length * 6)),
        FieldKind.Object => Fields(field.Fields, depth + 1),
        FieldKind.Array => 2 + (ArrayItems(field) * (1 + (field.Items is { } items ? Value(items, depth + 1) : Text))),
        _ => 4 + (Math.Max(field.MinLength ?? 0, field.MaxLength ?? (field.Kind == FieldKind.String ? Long : Text)) * 2),
    };

    private static double ArrayItems(FieldDefinition field) =>
        Math.Max(field.MinItems ?? 1, field.MaxItems ?? Math.Max(field.MinItems ?? 1, DefaultMaxItems));
}
