namespace TestDataAgent.Generators.Pipeline;

/// <summary>A unary response: the records in the requested format, as one string.</summary>
public sealed record GenerationResult(string Data, int RecordCount, GenerationSummary Metadata);
