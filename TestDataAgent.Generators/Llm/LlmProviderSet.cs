namespace TestDataAgent.Generators.Llm;

/// <summary>The configured providers in preference order; empty when none is configured (the LLM path is then unavailable).</summary>
public sealed class LlmProviderSet(IEnumerable<LlmProvider> providers)
{
    public IReadOnlyList<LlmProvider> Providers { get; } = [.. providers];

    /// <summary>No provider configured.</summary>
    public static LlmProviderSet None { get; } = new([]);
}
