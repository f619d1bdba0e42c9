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
    /// As <see cref="GenerateAsync(GenerationRequest, CancellationToken)"/>, telling <paramref name="report"/> what the
    /// response should say (warnings, tokens, models, the path really used). Generators with nothing to tell need not
    /// implement it.
    /// </summary>
    IAsyncEnumerable<DataRecord> GenerateAsync(GenerationRequest request, GenerationReport report, CancellationToken cancellationToken) =>
        GenerateAsync(request, cancellationToken);
}
