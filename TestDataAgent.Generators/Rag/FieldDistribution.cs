namespace TestDataAgent.Generators.Rag;

/// <summary>The values a field takes and their relative weights.</summary>
public sealed record FieldDistribution(IReadOnlyList<object?> Values, IReadOnlyList<double> Weights);
