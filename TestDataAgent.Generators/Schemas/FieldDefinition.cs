namespace TestDataAgent.Generators.Schemas;

/// <summary>
/// One field of a schema, with everything that decides its values: type, bounds, enum values and weights,
/// a format (an ID template such as <c>CRT-{year}-{random:7}</c> or a named format), nested fields and array items.
/// </summary>
public sealed record FieldDefinition
{
    public required string Name { get; init; }

    /// <summary>Dotted path from the record root, with <c>[]</c> for array items (<c>items[].price</c>).</summary>
    public required string Path { get; init; }

    public FieldKind Kind { get; init; } = FieldKind.String;

    public bool Required { get; init; }

    public string Description { get; init; } = "";

    public string? Format { get; init; }

    /// <summary>The default as it appears in the schema file (a JSON scalar), or <see langword="null"/>.</summary>
    public object? Default { get; init; }

    public double? Min { get; init; }

    public double? Max { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public string? Pattern { get; init; }

    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>Relative weights, one per enum value (or per integer in <c>[min, max]</c>); empty means uniform.</summary>
    public IReadOnlyList<double> Weights { get; init; } = [];

    /// <summary>For booleans: the probability of <see langword="true"/> (default 0.5).</summary>
    public double? TrueProbability { get; init; }

    public IReadOnlyList<FieldDefinition> Fields { get; init; } = [];

    public FieldDefinition? Items { get; init; }

    public int? MinItems { get; init; }

    public int? MaxItems { get; init; }

    /// <summary>For arrays: no two items may be equal, compared as JSON text (JSON Schema's <c>uniqueItems</c>).</summary>
    public bool UniqueItems { get; init; }

    /// <summary>For strings: realistic values to pick from. Unlike enum values they do not restrict what is valid.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>Share of records (0 to 1) in which the field is <see langword="null"/>; the caller's <c>null_rate</c>.</summary>
    public double NullRate { get; init; }

    /// <summary>Share of records (0 to 1) that leave the field out; the caller's <c>missing_rate</c>.</summary>
    public double MissingRate { get; init; }

    /// <summary>What the value means (<c>product_name</c>, <c>city</c> …); inferred from the name when absent.</summary>
    public string? Semantic { get; init; }

    /// <summary>
    /// For datasets: the <c>table.column</c> (or <c>entity.column</c>) this field is a foreign key to, declared as
    /// <c>references</c> in our format and <c>x-references</c> in JSON Schema; ignored when one entity is generated.
    /// </summary>
    public string? References { get; init; }

    public FieldDefinition? FindField(string name)
    {
        foreach (var field in Fields)
        {
            if (field.Name == name)
            {
                return field;
            }
        }

        return null;
    }
}
