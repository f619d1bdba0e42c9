namespace TestDataAgent.Generators.Requests;

/// <summary>A scenario as sent: overrides are still strings.</summary>
public sealed record ScenarioInput(string Name, int Count, IReadOnlyDictionary<string, string> Overrides, string Description);
