namespace TestDataAgent.Api.Infrastructure.Llm;

/// <summary>The providers named in <c>Llm:Preference</c> and the ones configured among them, for health reporting.</summary>
public sealed record ConfiguredLlmProviders(IReadOnlyList<string> Preference, IReadOnlyList<LlmConnection> Connections);
