namespace TestDataAgent.Generators.Traditional.Patterns;

internal sealed record SequenceNode(IReadOnlyList<PatternNode> Items) : PatternNode;
