namespace TestDataAgent.Generators.Pipeline;

/// <summary>One chunk of a stream: records in the requested format, or (final) nothing or <c>{"error": …}</c>.</summary>
public readonly record struct StreamChunk(string Data, int Index, bool IsFinal);
