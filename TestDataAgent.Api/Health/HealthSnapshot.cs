namespace TestDataAgent.Api.Health;

/// <summary>Whether the service can serve, and each component's state.</summary>
public sealed record HealthSnapshot(bool Serving, IReadOnlyDictionary<string, string> Components);
