namespace TestDataAgent.Generators.Traditional.Patterns;

/// <summary>The parsed form of a regular expression: character sets, sequences, alternatives and repetitions.</summary>
internal abstract record PatternNode;

/// <summary>One character from a set of inclusive ranges.</summary>
internal sealed record CharSetNode(IReadOnlyList<(char Low, char High)> Ranges) : PatternNode;

internal sealed record SequenceNode(IReadOnlyList<PatternNode> Items) : PatternNode;

internal sealed record AlternationNode(IReadOnlyList<PatternNode> Options) : PatternNode;

/// <summary><c>Max</c> is null for an unbounded repetition.</summary>
internal sealed record RepeatNode(PatternNode Item, int Min, int? Max) : PatternNode;
