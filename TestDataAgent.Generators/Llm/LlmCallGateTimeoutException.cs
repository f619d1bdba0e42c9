namespace TestDataAgent.Generators.Llm;

/// <summary>Every model-call slot stayed taken for the longest wait: the batch goes to the traditional generator.</summary>
internal sealed class LlmCallGateTimeoutException(string message) : Exception(message);
