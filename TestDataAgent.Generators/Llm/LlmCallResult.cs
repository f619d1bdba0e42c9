namespace TestDataAgent.Generators.Llm;

/// <summary>The answer (or <see langword="null"/> when every provider failed) and the failures before it.</summary>
public sealed record LlmCallResult(string? Text, IReadOnlyList<string> Failures);
