namespace TestDataAgent.Generators.Schemas;

/// <summary>
/// <c>target = reference + gap</c>, the gap in [<c>MinGapHours</c>, <c>MaxGapHours</c>]; never after the request's reference
/// time unless <c>AllowFuture</c> (expiry and delivery estimates).
/// </summary>
public sealed record NotBeforeRule(string Target, string Reference, double MinGapHours, double MaxGapHours, bool AllowFuture) : DerivationRule(Target);
