namespace TestDataAgent.Generators.Traditional.Patterns;

/// <summary><c>Max</c> is null for an unbounded repetition.</summary>
internal sealed record RepeatNode(PatternNode Item, int Min, int? Max) : PatternNode;
