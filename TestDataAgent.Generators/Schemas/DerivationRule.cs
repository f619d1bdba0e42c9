namespace TestDataAgent.Generators.Schemas;

/// <summary>
/// A cross-field rule from a schema's <c>derive</c> list. Generation applies it so records are coherent by
/// construction; the coherence scorer checks it on records from any path.
/// </summary>
public abstract record DerivationRule(string Target);

/// <summary><c>target = Σ items[].quantity × items[].price</c>.</summary>
public sealed record SumOfItemsRule(string Target, string Items, string Quantity, string Price) : DerivationRule(Target);

/// <summary><c>target = base × p%</c> with p drawn from [min, max]; 0 with probability <c>ZeroProbability</c>.</summary>
public sealed record PercentOfRule(string Target, string Base, double MinPercent, double MaxPercent, double ZeroProbability = 0) : DerivationRule(Target);

/// <summary><c>target = Π factors</c>, rounded to cents.</summary>
public sealed record ProductRule(string Target, IReadOnlyList<string> Factors) : DerivationRule(Target);

/// <summary><c>target ≤ limit</c>, both numbers.</summary>
public sealed record AtMostRule(string Target, string Limit) : DerivationRule(Target);

/// <summary><c>target = Σ add − Σ subtract</c>.</summary>
public sealed record SumRule(string Target, IReadOnlyList<string> Add, IReadOnlyList<string> Subtract) : DerivationRule(Target);

/// <summary>
/// <c>target = reference + gap</c>, the gap in [<c>MinGapHours</c>, <c>MaxGapHours</c>]; never after the request's reference
/// time unless <c>AllowFuture</c> (expiry and delivery estimates).
/// </summary>
public sealed record NotBeforeRule(string Target, string Reference, double MinGapHours, double MaxGapHours, bool AllowFuture) : DerivationRule(Target);

/// <summary><c>target</c> is present exactly when <c>field</c> has one of <c>values</c>.</summary>
public sealed record PresentWhenRule(string Target, string Field, IReadOnlyList<string> Values) : DerivationRule(Target);

/// <summary><c>target &gt; 0</c> exactly when the boolean <c>flag</c> is true.</summary>
public sealed record PositiveWhenRule(string Target, string Flag) : DerivationRule(Target);

/// <summary>Exactly one item of the array <c>items</c> has the boolean <c>field</c> set.</summary>
public sealed record ExactlyOneTrueRule(string Items, string Field) : DerivationRule(Items);
