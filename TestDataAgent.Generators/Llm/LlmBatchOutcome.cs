using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Llm;

/// <summary>What one batch came to: the model's records (at most the batch's count), and what went wrong.</summary>
internal sealed record LlmBatchOutcome(LlmBatch Batch, IReadOnlyList<DataRecord> Records, IReadOnlyList<string> Failures, IReadOnlyList<string> Problems);
