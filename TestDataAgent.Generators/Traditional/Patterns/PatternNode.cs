namespace TestDataAgent.Generators.Traditional.Patterns;

/// <summary>The parsed form of a regular expression: character sets, sequences, alternatives and repetitions.</summary>
internal abstract record PatternNode;
