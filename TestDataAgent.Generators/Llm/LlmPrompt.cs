using Microsoft.Extensions.AI;

namespace TestDataAgent.Generators.Llm;

/// <summary>One call's messages and options; together with the provider they identify its answer in the replay cache.</summary>
/// <param name="System">The system message: the rules of the answer.</param>
/// <param name="User">The user message: schema, scenario, context, examples and the batch.</param>
/// <param name="ResponseSchema">The JSON Schema for structured output, or <see langword="null"/> for plain JSON.</param>
/// <param name="Count">How many records the call asks for.</param>
/// <param name="Seed">The seed sent to providers that take one.</param>
public sealed record LlmPrompt(string System, string User, System.Text.Json.JsonElement? ResponseSchema, int Count, long Seed)
{
    public IReadOnlyList<ChatMessage> Messages => [new(ChatRole.System, System), new(ChatRole.User, User)];
}
