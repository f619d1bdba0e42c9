namespace TestDataAgent.Generators.Schemas;

/// <summary>Exactly one item of the array <c>items</c> has the boolean <c>field</c> set.</summary>
public sealed record ExactlyOneTrueRule(string Items, string Field) : DerivationRule(Items);
