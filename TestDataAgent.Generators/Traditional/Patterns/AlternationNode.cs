namespace TestDataAgent.Generators.Traditional.Patterns;

internal sealed record AlternationNode(IReadOnlyList<PatternNode> Options) : PatternNode;
