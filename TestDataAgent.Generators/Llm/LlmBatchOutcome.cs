using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Llm;

/// <summary>
/// What one batch came to: the model's records (at most the batch's count), what went wrong, and whether it stopped
/// asking because the request's token budget was spent.
/// </summary>
internal sealed record LlmBatchOutcome(LlmBatch Batch, IReadOnlyList<DataRecord> Records, IReadOnlyList<string> Failures, IReadOnlyList<string> Problems,
    bool OverBudget = false);
