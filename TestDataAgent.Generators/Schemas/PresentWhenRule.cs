namespace TestDataAgent.Generators.Schemas;

/// <summary><c>target</c> is present exactly when <c>field</c> has one of <c>values</c>.</summary>
public sealed record PresentWhenRule(string Target, string Field, IReadOnlyList<string> Values) : DerivationRule(Target);
