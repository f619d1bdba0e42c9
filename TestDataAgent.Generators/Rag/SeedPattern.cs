using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Rag;

/// <summary>One pattern of the seed corpus.</summary>
public sealed record SeedPattern(string Id, PatternCategory Kind, string Entity, string Scenario, string Description, double QualityScore, string Severity, DataRecord Record, string Distributions);
