using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Traditional;

/// <summary>A schema field compiled once per request: how to make its value and whether it may be left out.</summary>
public sealed record FieldPlan(FieldDefinition Definition, ValueGenerator Generate, string OverrideKey)
{
    /// <summary>Made after the other fields of its object, because it reads them (an email from the person's name).</summary>
    public bool Deferred { get; init; }

    public string Name => Definition.Name;

    /// <summary>
    /// Every declared field is made, as Bogus and Mockaroo do; only the <c>edge_case</c> hint leaves optional fields out
    /// now and then. The caller's blank rates (<see cref="FieldDefinition.MissingRate"/>) apply after the record is made.
    /// </summary>
    public double PresenceProbability { get; init; } = 1.0;
}
