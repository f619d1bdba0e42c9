namespace TestDataAgent.Generators.Schemas;

/// <summary><c>target = base × p%</c> with p drawn from [min, max]; 0 with probability <c>ZeroProbability</c>.</summary>
public sealed record PercentOfRule(string Target, string Base, double MinPercent, double MaxPercent, double ZeroProbability = 0) : DerivationRule(Target);
