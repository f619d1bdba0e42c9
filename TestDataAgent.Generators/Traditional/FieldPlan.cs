using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Traditional;

/// <summary>A schema field compiled once per request: how to make its value and whether it may be left out.</summary>
public sealed record FieldPlan(FieldDefinition Definition, ValueGenerator Generate, string OverrideKey)
{
    /// <summary>Made after the other fields of its object, because it reads them (an email from the person's name).</summary>
    public bool Deferred { get; init; }

    public string Name => Definition.Name;

    /// <summary>Optional fields are present in most records, not all, as in real data.</summary>
    public double PresenceProbability => Definition.Required ? 1.0 : 0.85;
}
