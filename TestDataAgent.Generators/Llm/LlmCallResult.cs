namespace TestDataAgent.Generators.Llm;

/// <summary>The answer (or <see langword="null"/> when every provider failed), the failures before it, and the tokens the call spent (0 when replayed).</summary>
public sealed record LlmCallResult(string? Text, IReadOnlyList<string> Failures, long Tokens);
