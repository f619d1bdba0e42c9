namespace TestDataAgent.Generators.Schemas;

/// <summary><c>target ≤ limit</c>, both numbers.</summary>
public sealed record AtMostRule(string Target, string Limit) : DerivationRule(Target);
