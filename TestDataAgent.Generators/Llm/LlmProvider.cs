using Microsoft.Extensions.AI;

namespace TestDataAgent.Generators.Llm;

/// <summary>One configured model provider: its connection name (claude, vllm, ollama), the model, and its chat client.</summary>
/// <param name="Name">The connection name, also the provider's label in metadata and metrics.</param>
/// <param name="Model">The model ID sent with every call.</param>
/// <param name="Client">The client, with telemetry and resilience already composed.</param>
/// <param name="Circuit">Whether the provider's circuit breaker is open now (calls would fail fast).</param>
public sealed record LlmProvider(string Name, string Model, IChatClient Client, Func<bool> Circuit)
{
    /// <summary><c>provider/model</c>, as <c>metadata.llm_model</c> names it.</summary>
    public string Label => $"{Name}/{Model}";

    public bool IsCircuitOpen => Circuit();
}
