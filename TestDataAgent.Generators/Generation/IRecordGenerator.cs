using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Generators.Generation;

/// <summary>One way of making records (traditional, LLM, RAG, hybrid); <see cref="IAvailable.Availability"/> says whether it can serve now.</summary>
public interface IRecordGenerator : IAvailable
{
    GenerationPath Path { get; }

    /// <summary>
    /// Makes the request's records in order, with <c>_index</c> and <c>_scenario</c> set, lazily (a consumer that stops
    /// early stops the work), telling <paramref name="report"/> what the response should say: warnings, tokens, models,
    /// the path really used.
    /// </summary>
    IAsyncEnumerable<DataRecord> GenerateAsync(GenerationRequest request, GenerationReport report, CancellationToken cancellationToken);
}
