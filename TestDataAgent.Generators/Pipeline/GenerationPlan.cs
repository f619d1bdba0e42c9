using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Routing;

namespace TestDataAgent.Generators.Pipeline;

/// <summary>The generator that will serve a request, the router's wish, and the warnings of any fallback.</summary>
public sealed record GenerationPlan(IRecordGenerator Generator, RoutingDecision Decision, string Reason, IReadOnlyList<string> Warnings);
