using TestDataAgent.Generators.Output;

namespace TestDataAgent.Generators.Pipeline;

/// <summary>
/// One chunk of a stream: records in the requested format as UTF-8, or (final) nothing or <c>{"error": …}</c>. The
/// bytes are valid until the write that was given the chunk completes; the pipeline then gives their array back.
/// </summary>
public readonly record struct StreamChunk(Utf8Chunk Data, int Index, bool IsFinal);
