namespace TestDataAgent.Generators.Schemas;

/// <summary><c>target = Σ add − Σ subtract</c>.</summary>
public sealed record SumRule(string Target, IReadOnlyList<string> Add, IReadOnlyList<string> Subtract) : DerivationRule(Target);
