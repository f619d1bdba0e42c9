using TestDataAgent.Generators.Rag.Store;

namespace TestDataAgent.Generators.Rag;

/// <summary>A stored pattern found for a request, with its similarity and blended ranking score.</summary>
public sealed record PatternHit(StoredPattern Pattern, PatternCategory Kind, double Similarity, double Score);
