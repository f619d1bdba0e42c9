namespace TestDataAgent.Generators.Schemas;

/// <summary><c>target &gt; 0</c> exactly when the boolean <c>flag</c> is true.</summary>
public sealed record PositiveWhenRule(string Target, string Flag) : DerivationRule(Target);
