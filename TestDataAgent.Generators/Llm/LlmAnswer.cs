using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Llm;

/// <summary>The records found in a model's answer, and what was wrong with it (<see langword="null"/> when nothing was).</summary>
public sealed record LlmAnswer(IReadOnlyList<DataRecord> Records, string? Problem);
