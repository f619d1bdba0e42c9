namespace TestDataAgent.Generators.Llm;

/// <summary>What a model answered for one prompt, as the replay cache keeps it.</summary>
public sealed record LlmCachedAnswer(string Text, long TotalTokens);
