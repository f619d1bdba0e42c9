using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Routing;

/// <summary>The router's choice for a request, and why.</summary>
public sealed record RoutingDecision(GenerationPath Path, string Reason, double Confidence);
