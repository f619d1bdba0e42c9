namespace TestDataAgent.Generators.Schemas;

/// <summary><c>target = Π factors</c>, rounded to cents.</summary>
public sealed record ProductRule(string Target, IReadOnlyList<string> Factors) : DerivationRule(Target);
