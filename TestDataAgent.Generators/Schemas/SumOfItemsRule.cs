namespace TestDataAgent.Generators.Schemas;

/// <summary><c>target = Σ items[].quantity × items[].price</c>.</summary>
public sealed record SumOfItemsRule(string Target, string Items, string Quantity, string Price) : DerivationRule(Target);
