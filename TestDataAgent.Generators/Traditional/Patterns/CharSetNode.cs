namespace TestDataAgent.Generators.Traditional.Patterns;

/// <summary>One character from a set of inclusive ranges.</summary>
internal sealed record CharSetNode(IReadOnlyList<(char Low, char High)> Ranges) : PatternNode;
