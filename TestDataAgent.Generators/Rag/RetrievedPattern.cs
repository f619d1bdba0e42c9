using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Rag;

/// <summary>One stored pattern found for a request.</summary>
/// <param name="Id">The stored pattern's ID, named in each derived record's <c>_pattern</c>.</param>
/// <param name="Kind">pattern, defect or production_sample.</param>
/// <param name="Record">The example record (valid for the entity's schema).</param>
/// <param name="Score">Relevance, higher is better (similarity blended with quality and usage).</param>
/// <param name="Description">What the pattern shows, as stored.</param>
public sealed record RetrievedPattern(string Id, string Kind, DataRecord Record, double Score, string Description);
