using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Generators.Generation;

/// <summary>One way of making records (traditional, LLM, RAG, hybrid).</summary>
public interface IRecordGenerator
{
    GenerationPath Path { get; }

    /// <summary>Whether this path can serve requests now (a provider is configured, a store is reachable).</summary>
    bool IsAvailable { get; }

    /// <summary>Why the path is unavailable, for routing reasons and warnings; empty when available.</summary>
    string UnavailableReason { get; }

    /// <summary>
    /// Makes the request's records in order, with <c>_index</c> and <c>_scenario</c> set, lazily: a consumer that
    /// stops early stops the work.
    /// </summary>
    IAsyncEnumerable<DataRecord> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="GenerateAsync(GenerationRequest, CancellationToken)"/>, and adds what the caller should know that
    /// only generation finds out (no stored pattern matched, a store failed) to <paramref name="warnings"/>; they reach
    /// <c>metadata.warnings</c> of a unary response. Generators with nothing to report keep the default.
    /// </summary>
    IAsyncEnumerable<DataRecord> GenerateAsync(GenerationRequest request, ICollection<string> warnings, CancellationToken cancellationToken) =>
        GenerateAsync(request, cancellationToken);
}
