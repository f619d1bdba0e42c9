namespace TestDataAgent.Generators.Schemas;

/// <summary>
/// A cross-field rule from a schema's <c>derive</c> list. Generation applies it so records are coherent by
/// construction; the coherence scorer checks it on records from any path.
/// </summary>
public abstract record DerivationRule(string Target);
