namespace TestDataAgent.Generators.Requests;

/// <summary>A scenario with its final count and its overrides converted to the fields' types, keyed by field path.</summary>
public sealed record ScenarioPlan(string Name, int Count, string Description, IReadOnlyDictionary<string, object?> Overrides);
