namespace TestDataAgent.Generators.Schemas;

/// <summary>
/// A cross-field rule from a schema's <c>derive</c> list. Generation applies it so records are coherent by
/// construction; the coherence scorer checks it on records from any path.
/// </summary>
public abstract record DerivationRule(string Target);

/// <summary><c>target = Σ items[].quantity × items[].price</c>.</summary>
public sealed record SumOfItemsRule(string Target, string Items, string Quantity, string Price) : DerivationRule(Target);

/// <summary><c>target = base × p%</c> with p drawn from [min, max].</summary>
public sealed record PercentOfRule(string Target, string Base, double MinPercent, double MaxPercent) : DerivationRule(Target);

/// <summary><c>target = Σ add − Σ subtract</c>.</summary>
public sealed record SumRule(string Target, IReadOnlyList<string> Add, IReadOnlyList<string> Subtract) : DerivationRule(Target);

/// <summary><c>target ≥ reference</c>, at most <c>MaxGapHours</c> later and never after the reference time.</summary>
public sealed record NotBeforeRule(string Target, string Reference, double MaxGapHours) : DerivationRule(Target);

/// <summary><c>target</c> is present exactly when <c>field</c> has one of <c>values</c>.</summary>
public sealed record PresentWhenRule(string Target, string Field, IReadOnlyList<string> Values) : DerivationRule(Target);

/// <summary><c>target &gt; 0</c> exactly when the boolean <c>flag</c> is true.</summary>
public sealed record PositiveWhenRule(string Target, string Flag) : DerivationRule(Target);

/// <summary>Exactly one item of the array <c>items</c> has the boolean <c>field</c> set.</summary>
public sealed record ExactlyOneTrueRule(string Items, string Field) : DerivationRule(Items);
