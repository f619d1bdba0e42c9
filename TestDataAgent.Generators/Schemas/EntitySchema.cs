namespace TestDataAgent.Generators.Schemas;

/// <summary>A complete schema: the built-in entities and request-scoped custom schemas share this model.</summary>
public sealed record EntitySchema
{
    public required string Name { get; init; }

    public string Domain { get; init; } = "ecommerce";

    public string Description { get; init; } = "";

    /// <summary>The field whose values must never repeat within a response (the entity's own ID).</summary>
    public string? PrimaryKey { get; init; }

    public required IReadOnlyList<FieldDefinition> Fields { get; init; }

    /// <summary>The schema's coherence rules in words, as the original listed them.</summary>
    public IReadOnlyList<string> CoherenceRules { get; init; } = [];

    /// <summary>Cross-field rules that generation applies and coherence scoring checks.</summary>
    public IReadOnlyList<DerivationRule> Derivations { get; init; } = [];

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
